"""Small, real Argos Translate packages built at test time, offline (no torch, no network).

Adapted from ../shared/tools/argos_testkit (tests cannot rely on that folder). A package
is a SentencePiece model + a CTranslate2 Transformer + metadata.json, zipped under one
top-level folder, exactly as Argos ships them.

Modes:
- "copy": hand-set weights make the model copy its input behind a target tag: fr→en of
  "Bonjour." gives exactly "[en] Bonjour.", and fr→en→ar gives "[ar] [en] Bonjour.".
  Decoding stops by itself, so tests assert exact strings.
- "random": random weights; garbage that runs to the decoding bound (degenerate output).

Sizes are parameters: the defaults give a 1 MB model; `benchmarks/bench_mt.py` builds a
transformer-base-size one (6+6 layers, d_model 512, 8 heads, FFN 2048, vocab 32,000).
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import sentencepiece as spm
from ctranslate2.specs import transformer_spec

LANG_NAMES = {"en": "English", "fr": "French", "ar": "Arabic"}
TAGS = ["[en]", "[fr]", "[ar]"]


# -- the small trilingual corpus the SentencePiece model is trained on ---------------------

HAND = [
    # (fr, en, ar)
    ("Bonjour tout le monde.", "Hello everyone.", "مرحبا بالجميع."),
    ("Merci beaucoup pour votre aide.", "Thank you very much for your help.", "شكرا جزيلا على مساعدتك."),
    ("Où se trouve la gare ?", "Where is the train station?", "أين تقع محطة القطار؟"),
    ("Je ne comprends pas.", "I do not understand.", "أنا لا أفهم."),
    ("Pouvez-vous répéter, s'il vous plaît ?", "Can you repeat, please?", "هل يمكنك التكرار من فضلك؟"),
    ("Le fichier a été enregistré.", "The file has been saved.", "تم حفظ الملف."),
    ("Impossible d'ouvrir le fichier.", "Unable to open the file.", "تعذر فتح الملف."),
    ("Voulez-vous vraiment supprimer cet élément ?", "Do you really want to delete this item?", "هل تريد حقا حذف هذا العنصر؟"),
    ("Annuler", "Cancel", "إلغاء"),
    ("Enregistrer", "Save", "حفظ"),
    ("Ouvrir", "Open", "فتح"),
    ("Fermer", "Close", "إغلاق"),
    ("Paramètres", "Settings", "الإعدادات"),
    ("Aide", "Help", "مساعدة"),
    ("Quitter", "Quit", "خروج"),
    ("Nom d'utilisateur", "User name", "اسم المستخدم"),
    ("Mot de passe", "Password", "كلمة المرور"),
    ("Connexion réussie.", "Login successful.", "تم تسجيل الدخول بنجاح."),
    ("Erreur de connexion au serveur.", "Error connecting to the server.", "خطأ في الاتصال بالخادم."),
    ("Veuillez patienter...", "Please wait...", "يرجى الانتظار..."),
    ("La traduction est terminée.", "The translation is finished.", "اكتملت الترجمة."),
    ("Langue source", "Source language", "اللغة المصدر"),
    ("Langue cible", "Target language", "اللغة الهدف"),
    ("Traduire le document", "Translate the document", "ترجمة المستند"),
    ("Mémoire de traduction", "Translation memory", "ذاكرة الترجمة"),
    ("Glossaire", "Glossary", "مسرد المصطلحات"),
    ("Aucun résultat trouvé.", "No results found.", "لم يتم العثور على نتائج."),
    ("%d fichiers sélectionnés", "%d files selected", "تم تحديد %d ملفات"),
    ("Bienvenue, %(name)s !", "Welcome, %(name)s!", "مرحبا، %(name)s!"),
    ("Page {page} sur {total}", "Page {page} of {total}", "الصفحة {page} من {total}"),
    ("Le ciel est bleu aujourd'hui.", "The sky is blue today.", "السماء زرقاء اليوم."),
    ("Il fait très chaud en été.", "It is very hot in summer.", "الجو حار جدا في الصيف."),
    ("Nous partons demain matin.", "We are leaving tomorrow morning.", "سنغادر صباح الغد."),
    ("Ma sœur habite à Lyon.", "My sister lives in Lyon.", "أختي تعيش في ليون."),
    ("Le café est prêt.", "The coffee is ready.", "القهوة جاهزة."),
    ("Quelle heure est-il ?", "What time is it?", "كم الساعة؟"),
    ("J'apprends l'arabe depuis deux ans.", "I have been learning Arabic for two years.", "أتعلم العربية منذ سنتين."),
    ("La réunion commence à dix heures.", "The meeting starts at ten o'clock.", "يبدأ الاجتماع في الساعة العاشرة."),
    ("Ce livre est très intéressant.", "This book is very interesting.", "هذا الكتاب مثير للاهتمام جدا."),
    ("Les enfants jouent dans le jardin.", "The children are playing in the garden.", "الأطفال يلعبون في الحديقة."),
]

SUBJ = [
    ("Le professeur", "The teacher", "المعلم"),
    ("La voisine", "The neighbour", "الجارة"),
    ("Mon frère", "My brother", "أخي"),
    ("Notre équipe", "Our team", "فريقنا"),
    ("Le médecin", "The doctor", "الطبيب"),
    ("Cette application", "This application", "هذا التطبيق"),
    ("Le traducteur", "The translator", "المترجم"),
    ("La directrice", "The director", "المديرة"),
]
VERB = [
    ("lit", "reads", "يقرأ"),
    ("écrit", "writes", "يكتب"),
    ("prépare", "prepares", "يحضر"),
    ("envoie", "sends", "يرسل"),
    ("vérifie", "checks", "يتحقق من"),
    ("traduit", "translates", "يترجم"),
    ("cherche", "looks for", "يبحث عن"),
    ("ouvre", "opens", "يفتح"),
]
OBJ = [
    ("une lettre", "a letter", "رسالة"),
    ("le rapport annuel", "the annual report", "التقرير السنوي"),
    ("un message important", "an important message", "رسالة مهمة"),
    ("la nouvelle version", "the new version", "النسخة الجديدة"),
    ("les documents", "the documents", "المستندات"),
    ("un petit texte", "a short text", "نصا قصيرا"),
]
COMP = [
    ("ce matin.", "this morning.", "هذا الصباح."),
    ("chaque semaine.", "every week.", "كل أسبوع."),
    ("avant midi.", "before noon.", "قبل الظهر."),
    ("au bureau.", "at the office.", "في المكتب."),
]


def triples():
    out = list(HAND)
    i = 0
    for s in SUBJ:
        for v in VERB:
            o = OBJ[i % len(OBJ)]
            c = COMP[(i // 3) % len(COMP)]
            out.append(
                (
                    f"{s[0]} {v[0]} {o[0]} {c[0]}",
                    f"{s[1]} {v[1]} {o[1]} {c[1]}",
                    f"{s[2]} {v[2]} {o[2]} {c[2]}",
                )
            )
            i += 1
    for o in OBJ:
        for c in COMP:
            out.append((f"Il faut {o[0]} {c[0]}", f"We need {o[1]} {c[1]}", f"نحتاج {o[2]} {c[2]}"))
    return out


def lines() -> list[str]:
    res = []
    for fr, en, ar in triples():
        res += [fr, en, ar]
    # a few digits / punctuation / mixed-script lines so they get pieces
    res += [
        "0 1 2 3 4 5 6 7 8 9 10 100 2024 3,14 42 %",
        "« guillemets » \"quotes\" (parenthèses) [crochets] {accolades} - _ / : ; ! ?",
        "١ ٢ ٣ ٤ ٥ ٦ ٧ ٨ ٩ ٠ ، ؛ ؟",
        "àâäçéèêëîïôöùûüÿœæ ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz",
    ]
    return res


# -- SentencePiece ---------------------------------------------------------------------------

def train_sentencepiece(vocab_size: int) -> bytes:
    """A tiny unigram model (byte fallback: any text round-trips; tags are single pieces)."""
    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines()), model_writer=buf, vocab_size=vocab_size,
        model_type="unigram", character_coverage=1.0, byte_fallback=True,
        user_defined_symbols=TAGS, num_threads=1, minloglevel=2)
    return buf.getvalue()


# -- the CTranslate2 model -------------------------------------------------------------------

def _unit_rows(rng, n, dim, total_dim, offset, norm):
    """n random vectors living in dims [offset, offset+dim) of a total_dim
    space, zero-mean over that block (so LayerNorm's mean removal is a no-op)
    and with L2 norm `norm`."""
    v = rng.standard_normal((n, dim)).astype(np.float32)
    v -= v.mean(axis=1, keepdims=True)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    out = np.zeros((n, total_dim), dtype=np.float32)
    out[:, offset:offset + dim] = v * norm
    return out


def _ln(spec, d):
    spec.gamma = np.ones(d, np.float32)
    spec.beta = np.zeros(d, np.float32)


def build_spec(vocab: list[str], tag: str, mode: str, layers: int, d_model: int,
               heads: int, ffn: int, positions: int, seed: int):
    rng = np.random.default_rng(seed)
    V, D, H, F = len(vocab), d_model, heads, ffn
    assert D % H == 0
    hd = D // H
    spec = transformer_spec.TransformerSpec.from_config((layers, layers), H, pre_norm=True)

    def rnd(*shape, std=None):
        std = (1.0 / np.sqrt(shape[-1])) if std is None else std
        return (rng.standard_normal(shape) * std).astype(np.float32)

    zeros = lambda *s: np.zeros(s, np.float32)  # noqa: E731

    if mode == "random":
        for side in (spec.encoder, spec.decoder):
            emb = rnd(V, D, std=1.0)
            if side is spec.encoder:
                side.embeddings[0].weight = emb
            else:
                side.embeddings.weight = emb
            # position_encodings left OPTIONAL -> CTranslate2 sinusoidal encodings
            _ln(side.layer_norm, D)
            for layer in side.layer:
                _ln(layer.self_attention.layer_norm, D)
                layer.self_attention.linear[0].weight = rnd(3 * D, D)
                layer.self_attention.linear[0].bias = zeros(3 * D)
                layer.self_attention.linear[1].weight = rnd(D, D)
                layer.self_attention.linear[1].bias = zeros(D)
                if side is spec.decoder:
                    _ln(layer.attention.layer_norm, D)
                    layer.attention.linear[0].weight = rnd(D, D)
                    layer.attention.linear[0].bias = zeros(D)
                    layer.attention.linear[1].weight = rnd(2 * D, D)
                    layer.attention.linear[1].bias = zeros(2 * D)
                    layer.attention.linear[2].weight = rnd(D, D)
                    layer.attention.linear[2].bias = zeros(D)
                _ln(layer.ffn.layer_norm, D)
                layer.ffn.linear_0.weight = rnd(F, D)
                layer.ffn.linear_0.bias = zeros(F)
                layer.ffn.linear_1.weight = rnd(D, F)
                layer.ffn.linear_1.bias = zeros(D)
        spec.decoder.projection.weight = rnd(V, D)
        spec.decoder.projection.bias = zeros(V)
        return spec

    # ---------------- "copy" mode --------------------------------------
    # Residual space = token block [0, Dt) + position block [Dt, D), Dp = hd.
    # Encoder: x_s = e(tok_s) + p_s, all sublayers output 0, final LN.
    # Decoder: x_t = p_t (decoder embeddings are 0); in the LAST decoder layer
    # every head of the cross-attention matches p_t against p_s (sharp
    # softmax -> attends to source position s == t) and copies the token
    # block.  Source gets <s> ... </s> (add_source_bos/eos) so step 0 copies
    # <s> and step n+1 copies </s>; the output projection maps <s> -> tag,
    # </s> -> </s>, anything else -> itself.  Other weights are random but
    # their sublayer output projections are 0, so they cost compute (realistic
    # timing) without changing the result.
    Dp = hd
    Dt = D - Dp
    assert Dt >= 16, "d_model too small for copy mode"
    r = np.sqrt(D / 2.0)                 # norm of token and position vectors
    tok = _unit_rows(rng, V, Dt, D, 0, r)           # V x D
    pos = _unit_rows(rng, positions, Dp, D, Dt, r)  # P x D
    # LayerNorm(x) = x * sqrt(D)/|x| since blocks are zero-mean and orthogonal
    # |e + p| = r*sqrt(2) = sqrt(D) -> LN is ~identity on encoder inputs.

    spec.encoder.embeddings[0].weight = tok
    spec.encoder.scale_embeddings = False
    spec.encoder.position_encodings.encodings = pos
    spec.decoder.embeddings.weight = zeros(V, D)
    spec.decoder.scale_embeddings = False
    spec.decoder.position_encodings.encodings = pos

    def idle_self_attention(att):
        _ln(att.layer_norm, D)
        att.linear[0].weight = rnd(3 * D, D)
        att.linear[0].bias = zeros(3 * D)
        att.linear[1].weight = zeros(D, D)
        att.linear[1].bias = zeros(D)

    def idle_ffn(f):
        _ln(f.layer_norm, D)
        f.linear_0.weight = rnd(F, D)
        f.linear_0.bias = zeros(F)
        f.linear_1.weight = zeros(D, F)
        f.linear_1.bias = zeros(D)

    _ln(spec.encoder.layer_norm, D)
    for layer in spec.encoder.layer:
        idle_self_attention(layer.self_attention)
        idle_ffn(layer.ffn)

    _ln(spec.decoder.layer_norm, D)
    G = 40.0  # attention sharpness: logit(self) - logit(other) >= ~0.55*G
    for li, layer in enumerate(spec.decoder.layer):
        idle_self_attention(layer.self_attention)
        idle_ffn(layer.ffn)
        _ln(layer.attention.layer_norm, D)
        att = layer.attention
        if li != len(spec.decoder.layer) - 1:
            att.linear[0].weight = rnd(D, D)
            att.linear[0].bias = zeros(D)
            att.linear[1].weight = rnd(2 * D, D)
            att.linear[1].bias = zeros(2 * D)
            att.linear[2].weight = zeros(D, D)
            att.linear[2].bias = zeros(D)
            continue
        # LN'd decoder input is p_t * sqrt(D)/r ; memory is (e+p)*sqrt(D)/(r*sqrt2)
        # q_h = a * pos-block, k_h = b * pos-block for every head h.
        # CT2 scales q by 1/sqrt(hd).  Want q.k = G*sqrt(hd) for s == t.
        # |pos-block of LN'd dec input| = sqrt(D); of memory = sqrt(D)/sqrt2
        a = 1.0 / np.sqrt(D)
        b = np.sqrt(2.0) / np.sqrt(D)
        sel = np.zeros((hd, D), np.float32)
        sel[:, Dt:] = np.eye(hd, dtype=np.float32)      # picks the position block
        wq = np.concatenate([sel * a * G * np.sqrt(hd)] * H, axis=0)   # D x D
        wk = np.concatenate([sel * b] * H, axis=0)                     # D x D
        wv = np.zeros((D, D), np.float32)
        wv[:Dt, :Dt] = np.eye(Dt, dtype=np.float32)      # values carry token block
        att.linear[0].weight = wq
        att.linear[0].bias = zeros(D)
        att.linear[1].weight = np.concatenate([wk, wv], axis=0)
        att.linear[1].bias = zeros(2 * D)
        wo = np.zeros((D, D), np.float32)
        wo[:Dt, :Dt] = np.eye(Dt, dtype=np.float32) * 4.0   # token block dominates
        att.linear[2].weight = wo
        att.linear[2].bias = zeros(D)

    # Output projection: logits_j = beta * <unit(e(src(j))), final_hidden_token_block>
    index = {p: i for i, p in enumerate(vocab)}
    unit = tok / r
    proj = np.zeros((V, D), np.float32)
    for j, piece in enumerate(vocab):
        if piece == "<s>":
            continue                      # <s> is never produced
        src = "<s>" if piece == tag else piece
        proj[j] = unit[index[src]]
        if piece == tag:
            proj[j] += unit[index[tag]]
    # final hidden (after final LN) token block has norm ~ sqrt(D)*4/sqrt(17)
    beta = 40.0 / (np.sqrt(D) * 4.0 / np.sqrt(17.0))
    spec.decoder.projection.weight = proj * beta
    spec.decoder.projection.bias = zeros(V)
    spec.config.add_source_bos = True
    spec.config.add_source_eos = True
    return spec


def build_package(source: str, target: str, out: Path, *, mode: str = "copy",
                  layers: int = 2, d_model: int = 128, heads: int = 2, ffn: int = 256,
                  sp_vocab: int = 512, vocab: int | None = None, positions: int = 1280,
                  quantization: str | None = "int8", seed: int = 1234,
                  version: str = "0.0.1", top: str | None = None) -> Path:
    """Write `out` (.argosmodel) and return it. `top` renames the top-level folder."""
    sp_proto = train_sentencepiece(sp_vocab)
    sp = spm.SentencePieceProcessor(model_proto=sp_proto)
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    if vocab and vocab > len(pieces):
        pieces += [f"<extra_{i}>" for i in range(vocab - len(pieces))]
    spec = build_spec(pieces, f"[{target}]", mode, layers, d_model, heads, ffn, positions, seed)
    spec.register_source_vocabulary(pieces)
    spec.register_target_vocabulary(pieces)
    spec.validate()
    spec.optimize(quantization=quantization)
    name = top or f"translate-{source}_{target}-{version.replace('.', '_')}"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / name
        (root / "model").mkdir(parents=True)
        spec.save(str(root / "model"))
        (root / "sentencepiece.model").write_bytes(sp_proto)
        (root / "metadata.json").write_text(json.dumps({
            "package_version": version, "argos_version": "1.9.0",
            "from_code": source, "from_name": LANG_NAMES.get(source, source),
            "to_code": target, "to_name": LANG_NAMES.get(target, target),
            "type": "translate", "links": []}, indent=2), encoding="utf-8")
        (root / "README.md").write_text(f"Test-only Argos package ({mode} weights).\n",
                                        encoding="utf-8")
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(root.rglob("*")):
                archive.write(path, path.relative_to(tmp))
    return out

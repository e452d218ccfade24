"""PyTorch anchor for the `transfer` preset on flickr8k-1k (see bench/TRANSFER.md).

Reads the MobileNet v1 0.25 features that `dualpath train` caches (~/.cache/dualpath/features/<key>.npy with
<key>.json: the image ids in row order; unflipped only), the captions and the GloVe file, trains the anchor
head on ids 1..800 and reports Recall@1/5/10 on ids 801..1000 (5 captions per image), plus the ridge baseline.

    /usr/bin/python3 bench/transfer_anchor.py --captions DIR/captions.json --vectors glove_twitter_25d_12k.txt \
        --seeds 1 2 3 [--train-ids 1-800 --test-ids 801-1000] [--ridge]
"""
import argparse
import glob
import json
import os
import re
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

SLOTS = 32


def tokenize(caption):
    """The same rules as org.dualpath.text.Tokenizer (lower case, 's dropped, other apostrophes removed)."""
    text = caption.lower().replace("\u2019", "'")
    text = re.sub(r"'s(?![^\W_])", " ", text)
    text = text.replace("'", "")
    return [t for t in re.split(r"[\W_]+", text) if t]


def load_features(cache_dir):
    rows = {}
    for manifest in glob.glob(os.path.join(cache_dir, "*.json")):
        m = json.load(open(manifest))
        if m.get("format") != "dualpath-features" or m["key"]["flipped"] or "mobilenet" not in m["key"]["backbone"].lower():
            continue
        matrix = np.load(manifest[:-5] + ".npy")
        for i, image_id in enumerate(m["ids"]):
            rows[image_id] = matrix[i]
    return rows


def id_range(text):
    lo, hi = text.split("-")
    return list(range(int(lo), int(hi) + 1))


def read_vectors(path, wanted):
    vectors = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip().split(" ")
            if parts[0] in wanted and len(parts) > 2:
                vectors[parts[0]] = np.asarray(parts[1:], dtype=np.float32)
    return vectors


class TextCnn(nn.Module):
    def __init__(self, embedding):
        super().__init__()
        self.embed = nn.Embedding.from_pretrained(torch.tensor(embedding), freeze=False, padding_idx=0)
        self.proj = nn.Sequential(nn.Conv1d(embedding.shape[1], 256, 1), nn.BatchNorm1d(256), nn.ReLU())
        self.blocks = nn.ModuleList([nn.Sequential(nn.ConstantPad1d((0, 1), 0), nn.Conv1d(256, 256, 2),
                                                   nn.BatchNorm1d(256), nn.ReLU(), nn.ConstantPad1d((0, 1), 0),
                                                   nn.Conv1d(256, 256, 2), nn.BatchNorm1d(256)) for _ in range(2)])
        self.drop = nn.Dropout(0.5)
        self.fc = nn.Linear(256, 512)

    def forward(self, words):
        mask = (words > 0).unsqueeze(1)
        x = self.proj(self.embed(words).transpose(1, 2))
        for block in self.blocks:
            x = F.relu(x + block(x))
        x = x.masked_fill(~mask, -1e4).max(dim=2).values
        return self.fc(self.drop(x))


def ranking_loss(im, tx, margin=0.2):
    im, tx = F.normalize(im, dim=1), F.normalize(tx, dim=1)
    s = im @ tx.t()
    d = s.diag().view(-1, 1)
    eye = torch.eye(s.size(0), dtype=torch.bool)
    cost_t = (margin + s - d).clamp(min=0).masked_fill(eye, 0)
    cost_i = (margin + s - d.t()).clamp(min=0).masked_fill(eye, 0)
    return (cost_t.max(1).values + cost_i.max(0).values).mean()


def recall(img, txt, owner):
    img = img / np.linalg.norm(img, axis=1, keepdims=True)
    txt = txt / np.linalg.norm(txt, axis=1, keepdims=True)
    s = img @ txt.T
    i2t = []
    for i in range(len(img)):
        order = np.argsort(-s[i])
        i2t.append(np.where(owner[order] == i)[0].min())
    t2i = []
    for j in range(len(txt)):
        order = np.argsort(-s[:, j])
        t2i.append(np.where(order == owner[j])[0][0])
    i2t, t2i = np.array(i2t), np.array(t2i)
    r = [100 * np.mean(i2t < k) for k in (1, 5, 10)] + [100 * np.mean(t2i < k) for k in (1, 5, 10)]
    return r, sum(r)


def encode(caps, vocab):
    out = np.zeros((len(caps), SLOTS), dtype=np.int64)
    for i, c in enumerate(caps):
        idx = [vocab[w] for w in tokenize(c) if w in vocab][:SLOTS]
        out[i, :len(idx)] = idx
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--captions", required=True)
    p.add_argument("--vectors", required=True)
    p.add_argument("--features", default=os.path.expanduser("~/.cache/dualpath/features"))
    p.add_argument("--train-ids", default="1-800")
    p.add_argument("--test-ids", default="801-1000")
    p.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    p.add_argument("--epochs", type=int, default=60)
    p.add_argument("--ridge", action="store_true")
    a = p.parse_args()
    torch.set_num_threads(2)
    data = json.load(open(a.captions))
    captions = {}
    for ann in sorted(data["annotations"], key=lambda x: x["id"]):
        captions.setdefault(ann["image_id"], []).append(ann["caption"])
    feats = load_features(a.features)
    train_ids, test_ids = id_range(a.train_ids), id_range(a.test_ids)
    missing = [i for i in train_ids + test_ids if i not in feats]
    if missing:
        sys.exit("error: no cached features for %d images (first id %d); run dualpath train on them first"
                 % (len(missing), missing[0]))
    xtr = np.stack([feats[i] for i in train_ids]).astype(np.float32)
    xte = np.stack([feats[i] for i in test_ids]).astype(np.float32)
    mean, std = xtr.mean(0), xtr.std(0) + 1e-6
    xtr, xte = (xtr - mean) / std, (xte - mean) / std

    words = sorted({w for i in train_ids for c in captions[i] for w in tokenize(c)})
    vectors = read_vectors(a.vectors, set(words))
    glove_std = np.std(np.stack(list(vectors.values())))
    vocab = {w: k + 1 for k, w in enumerate(words)}
    test_caps = [c for i in test_ids for c in captions[i][:5]]
    owner = np.array([k for k, i in enumerate(test_ids) for _ in captions[i][:5]])
    test_tokens = torch.tensor(encode(test_caps, vocab))
    train_tokens = [encode(captions[i], vocab) for i in train_ids]
    print("vocabulary %d words, %d with a GloVe vector" % (len(words), len(vectors)))

    if a.ridge:
        def mean_vec(c):
            v = [vectors[w] for w in tokenize(c) if w in vectors]
            return np.mean(v, 0) if v else np.zeros(25, np.float32)
        ptr = np.stack([mean_vec(c) for i in train_ids for c in captions[i]])
        ytr = np.repeat(xtr, [len(captions[i]) for i in train_ids], axis=0)
        best = None
        for lam in (0.1, 1, 10, 100):
            w = np.linalg.solve(ptr.T @ ptr + lam * np.eye(ptr.shape[1]), ptr.T @ ytr)
            r, rs = recall(xte, np.stack([mean_vec(c) for c in test_caps]) @ w, owner)
            print("ridge lambda %g: rsum %.1f" % (lam, rs))

    sums = []
    for seed in a.seeds:
        torch.manual_seed(seed)
        rng = np.random.RandomState(seed)
        embedding = np.zeros((len(words) + 1, 25), np.float32)
        for w, k in vocab.items():
            embedding[k] = vectors[w] if w in vectors else rng.normal(0, glove_std, 25)
        image = nn.Sequential(nn.Linear(256, 512), nn.BatchNorm1d(512), nn.ReLU(), nn.Dropout(0.5), nn.Linear(512, 512))
        text = TextCnn(embedding)
        classifier = nn.Linear(512, len(train_ids))
        params = list(image.parameters()) + list(text.parameters()) + list(classifier.parameters())
        opt = torch.optim.Adam(params, lr=1e-3)
        labels_all = torch.arange(len(train_ids))
        for epoch in range(a.epochs):
            image.train(); text.train()
            order = rng.permutation(len(train_ids))
            for b in range(len(order) // 64):
                rows = order[b * 64:(b + 1) * 64]
                tok = torch.tensor(np.stack([train_tokens[r][rng.randint(len(train_tokens[r]))] for r in rows]))
                im, tx = image(torch.tensor(xtr[rows])), text(tok)
                y = labels_all[rows]
                loss = F.cross_entropy(classifier(im), y) + F.cross_entropy(classifier(tx), y) + ranking_loss(im, tx)
                opt.zero_grad(); loss.backward(); opt.step()
        image.eval(); text.eval()
        with torch.no_grad():
            r, rs = recall(image(torch.tensor(xte)).numpy(), text(test_tokens).numpy(), owner)
        sums.append(rs)
        print("seed %d: i->t %.1f/%.1f/%.1f t->i %.1f/%.1f/%.1f rsum %.1f" % (seed, *r, rs))
    print("rsum %.1f +- %.1f over %d seeds (chance %.1f)" % (np.mean(sums), np.std(sums), len(sums),
          100 * (1 + 5 + 10) * 2 / len(test_ids)))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""One training step of the shapes-demo dual-path network in PyTorch, for the DL4J/PyTorch time ratio.

Mirrors DualPathGraphs with Preset.shapesDemo(): image path (40-px input, 3x3 stride-2 stem conv + BN + ReLU,
residual stages 16/32/64 with strides 1/2/2 and BN, global average pool, FC 256 + BN + ReLU, FC 256 + BN,
dropout 0.2); text path (embedding 114 x 64, BN, residual 1x2 conv stages 32/64/128 along the 32 word slots,
strides 1/2/2, max pool, FC 256 + BN, dropout 0.2); joint head (ONE 4,000-way instance classifier on the stacked
image and text embeddings, softmax cross-entropy weighted 0.1, plus the bidirectional hinge ranking loss on
cosines over all in-batch negatives, margin 0.2); Adam. Usage: torch_step.py [BATCH] [THREADS]; prints the
median seconds per step. The DL4J side: OMP_NUM_THREADS=2 java -cp target/classes:target/test-classes:$(cat cp.txt)
org.dualpath.model.bench.TrainingStepBenchmark (same network, batch and loss weights).
Measured (29 Nov 2026, 2 cores, batch 128): PyTorch 1.13 0.124 s, DL4J 1.0.0-M2.1 1.744 s per step: DL4J 14x slower.
"""
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

batch = int(sys.argv[1]) if len(sys.argv) > 1 else 128
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
torch.set_num_threads(threads)
torch.manual_seed(1)


class Block(nn.Module):
    def __init__(self, cin, cout, kernel, stride, pad):
        super().__init__()
        self.a = nn.Conv2d(cin, cout, kernel, stride, pad, bias=False)
        self.abn = nn.BatchNorm2d(cout)
        self.b = nn.Conv2d(cout, cout, kernel, 1, pad, bias=False)
        self.bbn = nn.BatchNorm2d(cout)
        self.proj = None
        if stride != (1, 1) and stride != 1 or cin != cout:
            self.proj = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = self.bbn(self.b(F.relu(self.abn(self.a(x)))))
        return F.relu(y + (x if self.proj is None else self.proj(x)))


class TextBlock(Block):
    # 1x2 kernels along the word axis; 'same' padding is done by hand (DL4J pads the right side)
    def __init__(self, cin, cout, stride):
        super().__init__(cin, cout, (1, 2), (1, stride), 0)

    def forward(self, x):
        pad = lambda t: F.pad(t, (0, 1))
        y = self.bbn(self.b(pad(F.relu(self.abn(self.a(pad(x)))))))
        sc = x if self.proj is None else self.proj(x)
        if y.shape[-1] != sc.shape[-1]:
            y = y[..., : sc.shape[-1]]
        return F.relu(y + sc)


class DualPath(nn.Module):
    def __init__(self, vocab=114, instances=4000, dim=256):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, 2, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU())
        self.img = nn.Sequential(Block(16, 16, 3, 1, 1), Block(16, 32, 3, 2, 1), Block(32, 64, 3, 2, 1))
        self.img_fc = nn.Sequential(nn.Linear(64, dim, bias=False), nn.BatchNorm1d(dim), nn.ReLU(),
                                    nn.Linear(dim, dim, bias=False), nn.BatchNorm1d(dim), nn.Dropout(0.2))
        self.emb = nn.Embedding(vocab, 64)
        self.emb_bn = nn.BatchNorm2d(64)
        self.txt = nn.Sequential(TextBlock(64, 32, 1), TextBlock(32, 64, 2), TextBlock(64, 128, 2))
        self.txt_fc = nn.Sequential(nn.Linear(128, dim, bias=False), nn.BatchNorm1d(dim), nn.Dropout(0.2))
        self.instance = nn.Linear(dim, instances)

    def forward(self, images, words):
        i = self.img_fc(self.img(self.stem(images)).mean(dim=(2, 3)))
        t = self.emb(words).permute(0, 2, 1).unsqueeze(2)  # [n, 64, 1, 32]
        t = self.txt_fc(self.txt(self.emb_bn(t)).amax(dim=(2, 3)))
        return i, t


def ranking_all(i, t, margin=0.2):
    s = F.normalize(i, dim=1) @ F.normalize(t, dim=1).T
    pos = s.diag()
    eye = torch.eye(s.shape[0], dtype=torch.bool)
    cost_t = (margin + s - pos[:, None]).clamp(min=0).masked_fill(eye, 0)  # image anchors
    cost_i = (margin + s - pos[None, :]).clamp(min=0).masked_fill(eye, 0)  # caption anchors
    return (cost_t.sum() + cost_i.sum()) / (2 * s.shape[0])


model = DualPath()
opt = torch.optim.Adam(model.parameters(), lr=3e-3)
images = torch.rand(batch, 3, 40, 40)
words = torch.randint(1, 114, (batch, 32))
labels = torch.arange(batch)
times = []
for step in range(8):
    start = time.perf_counter()
    opt.zero_grad()
    i, t = model(images, words)
    logits = model.instance(torch.cat([i, t]))
    loss = ranking_all(i, t) + 0.1 * F.cross_entropy(logits, torch.cat([labels, labels]))
    loss.backward()
    opt.step()
    if step >= 2:
        times.append(time.perf_counter() - start)
params = sum(p.numel() for p in model.parameters())
print(f"PyTorch {torch.__version__}, {threads} threads, batch {batch}, {params:,} parameters: "
      f"{statistics.median(times):.3f} s per training step (median of {len(times)})")

#!/usr/bin/python3
"""The PyTorch side of model.bench.EngineBenchmark: median seconds of the same three workloads on the same threads.

  step       one training step of the shapes-demo network (bench/torch_step.py's network), batch 128
  mobilenet  MobileNet v1 0.25 at 224x224 forward, batch 32 (random weights: the time does not depend on them)
  resnet50   ResNet-50 (torchvision) forward at 224x224, batch 8

Usage: torch_engine.py WORKLOAD [THREADS]; prints one line "WORKLOAD SECONDS BLAS". PyTorch from Debian
(python3-torch, python3-torchvision) calls the system BLAS through libblas.so.3: with only the reference
libblas3 installed its linear layers are several times slower, so install libopenblas0-pthread (the BLAS
column says which one it got).
"""
import os
import statistics
import sys
import time

import torch
import torch.nn as nn

workload = sys.argv[1]
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
torch.set_num_threads(threads)
torch.manual_seed(1)


def blas():
    path = "/usr/lib/x86_64-linux-gnu/libblas.so.3"
    return os.path.basename(os.path.dirname(os.path.realpath(path))) if os.path.exists(path) else "unknown"


def median_seconds(run, warmup=2, repeats=6):
    times = []
    for i in range(warmup + repeats):
        start = time.perf_counter()
        run()
        if i >= warmup:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def mobilenet_v1(alpha=0.25):
    def conv_bn(cin, cout, stride):
        return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU6())

    def separable(cin, cout, stride):
        return nn.Sequential(nn.Conv2d(cin, cin, 3, stride, 1, groups=cin, bias=False), nn.BatchNorm2d(cin),
                             nn.ReLU6(), nn.Conv2d(cin, cout, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU6())

    widths = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2)] + [(512, 1)] * 5 + [(1024, 2), (1024, 1)]
    layers = [conv_bn(3, int(32 * alpha), 2)]
    cin = int(32 * alpha)
    for w, s in widths:
        layers.append(separable(cin, int(w * alpha), s))
        cin = int(w * alpha)
    layers.append(nn.AdaptiveAvgPool2d(1))
    return nn.Sequential(*layers).eval()


if workload == "step":
    sys.argv = [sys.argv[0], "128", str(threads)]
    import importlib.util

    spec = importlib.util.spec_from_file_location("torch_step", os.path.join(os.path.dirname(__file__), "torch_step.py"))
    step = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(step)  # prints its own line; its median is the one reported below
    seconds = step.statistics.median(step.times)
elif workload == "mobilenet":
    model = mobilenet_v1()
    x = torch.rand(32, 3, 224, 224)
    with torch.no_grad():
        seconds = median_seconds(lambda: model(x))
elif workload == "resnet50":
    import torchvision

    model = torchvision.models.resnet50().eval()
    x = torch.rand(8, 3, 224, 224)
    with torch.no_grad():
        seconds = median_seconds(lambda: model(x))
else:
    sys.exit("unknown workload " + workload + ": use step, mobilenet or resnet50")
print(f"{workload} {seconds:.4f} {blas()}")

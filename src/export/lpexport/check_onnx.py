"""Static checks of an exported model package (no ONNX Runtime needed).

    python3 -m lpexport.check_onnx PACKAGE_DIR

For each graph: onnx.checker passes on the reloaded file; inputs/outputs and state shapes agree
with model.json; every state_in.NN has a state_out.NN of the same shape; metadata_props carry
the scalar facts; every Conv/ConvTranspose weight (and bias) is an initializer consumed directly
(a readable layer name, not onnx::...), which live weight bending relies on; no ScatterND
(the trace of an in-place op). Exits 1 with one line per problem.
"""
import json
import os
import re
import sys
from collections import Counter

import onnx

READABLE = re.compile(r"^(pqmf|encoder|decoder|model)(\.[A-Za-z0-9_]+)+\.(weight|bias)$")


def _shape(value_info):
    return [d.dim_value if d.HasField("dim_value") else d.dim_param for d in value_info.type.tensor_type.shape.dim]


def check_graph(path, spec, package):
    problems = []
    name = os.path.basename(path)
    try:
        proto = onnx.load(path)
        onnx.checker.check_model(proto)
    except Exception as e:  # noqa: BLE001 - any load/check failure is one clear line
        return [f"{name}: does not load/check: {e}"], Counter()
    g = proto.graph
    inits = {i.name for i in g.initializer}
    inputs = {v.name: _shape(v) for v in g.input if v.name not in inits}
    outputs = {v.name: _shape(v) for v in g.output}

    expected_in = {spec["input"]["name"]: spec["input"]["shape"]}
    expected_out = {spec["output"]["name"]: spec["output"]["shape"]}
    for noise in spec.get("noise_inputs", []):  # imported RAVE decoders: the engine's seeded draws
        expected_in[noise["name"]] = noise["shape"]
    for st in spec["states"]:
        expected_in[st["input"]] = st["shape"]
        expected_out[st["output"]] = st["shape"]
        if st["input"].replace("state_in.", "") != st["output"].replace("state_out.", ""):
            problems.append(f"{name}: state pair {st['input']}/{st['output']} not paired by suffix")
    for kind, actual, expected in (("input", inputs, expected_in), ("output", outputs, expected_out)):
        if set(actual) != set(expected):
            problems.append(f"{name}: {kind}s {sorted(set(actual) ^ set(expected))} differ from model.json")
        for k in set(actual) & set(expected):
            if list(actual[k]) != list(expected[k]):
                problems.append(f"{name}: {kind} {k} shape {actual[k]} != model.json {expected[k]}")
    ins = sorted(n for n in inputs if n.startswith("state_in."))
    outs = sorted(n for n in outputs if n.startswith("state_out."))
    if [n[9:] for n in ins] != [n[10:] for n in outs]:
        problems.append(f"{name}: unpaired state tensors")

    meta = {p.key: p.value for p in proto.metadata_props}
    for key in ("sample_rate", "hop", "latent_size", "channels"):
        if meta.get(key) != str(package[key]):
            problems.append(f"{name}: metadata {key}={meta.get(key)!r}, model.json says {package[key]}")

    ops = Counter(n.op_type for n in g.node)
    for node in g.node:
        if node.op_type in ("Conv", "ConvTranspose"):
            for tensor in node.input[1:]:
                if tensor not in inits:
                    problems.append(f"{name}: {node.op_type} {node.name} reads {tensor}, not an initializer")
                elif not READABLE.match(tensor):
                    problems.append(f"{name}: {node.op_type} {node.name} weight name {tensor!r} is not readable")
    if ops.get("ScatterND"):
        problems.append(f"{name}: {ops['ScatterND']} ScatterND nodes (an in-place op leaked into export)")
    return problems, ops


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    pkg = argv[0]
    try:
        with open(os.path.join(pkg, "model.json")) as f:
            package = json.load(f)
    except (OSError, ValueError) as e:
        print(f"model.json: {e}")
        return 1
    problems = []
    for graph in ("encoder", "decoder"):
        spec = package[graph]
        p, ops = check_graph(os.path.join(pkg, spec["file"]), spec, package)
        problems += p
        convs = ops.get("Conv", 0) + ops.get("ConvTranspose", 0)
        print(f"{spec['file']}: {sum(ops.values())} nodes, {convs} convs, {len(spec['states'])} state pairs; "
              + ", ".join(f"{k} {v}" for k, v in sorted(ops.items())))
    for p in problems:
        print(p)
    print("PASS" if not problems else f"FAIL ({len(problems)} problems)")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())

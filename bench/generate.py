#!/usr/bin/env python3
"""Seeded workload generator for Tresor's benchmarks.

Writes, under OUT:
  vault/            vault.yaml and one NAME.yaml per secret, sealed as `tresor create` seals
  processes/        N BPMN files (Camunda 7 and Camunda 8 forms, service, script, send and
                    user tasks, a diagram section) and JSON task inputs <process>/<task>.json
  inputs/           N JSON task inputs alone (the "render 1,000 inputs" job)
  input.json        one task input, for `tresor render -`
  master.key        the master key text (mode 0600); fake, made from the seed
  floor/boxes-JOB.txt  the sealed values each job (processes, inputs, input) needs, one
                    `name keyid box` a line, and floor/key.hex, for the floor program

Every value is fake. The same seed gives the same files, except the sealed boxes, whose
ephemeral keys libsodium draws at random.
"""

import argparse
import base64
import hashlib
import json
import os
import random
import struct

from nacl.public import PrivateKey, SealedBox

SIZES = {
    "small": (100, 50),
    "medium": (1000, 200),
    "large": (5000, 500),
    "xlarge": (50000, 10000),
}

TYPES = ["password", "api-key", "token", "username", "host", "port", "url", "certificate", "other"]
WORDS = [
    "ftp", "crm", "erp", "billing", "shipping", "carrier", "partner", "invoice", "ledger",
    "payroll", "archive", "mail", "smtp", "sftp", "webhook", "storage", "search", "report",
    "warehouse", "customs", "bank", "payment", "tax", "hr", "audit", "sms", "fax", "edi",
]
KINDS = ["USER", "PASSWORD", "TOKEN", "API_KEY", "HOST", "PORT", "URL", "CERT", "SECRET_KEY"]
STAMP = "2026-12-04T16:00:00Z"


def key_text(secret):
    digest = hashlib.blake2b(b"tresor-key-checksum-1" + secret, digest_size=16).digest()
    body = base64.urlsafe_b64encode(secret + digest[:4]).rstrip(b"=").decode()
    return "TRESOR-SECRET-KEY-1" + body


def key_id(public):
    return hashlib.blake2b(public, digest_size=16).digest()[:8].hex()


def field(data):
    return struct.pack(">I", len(data)) + data


def value_for(rng, kind):
    printable = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!#%*+=/"
    if kind == "PORT":
        return str(rng.randint(1, 65535))
    if kind == "HOST":
        return f"{rng.choice(WORDS)}-{rng.randint(1, 99)}.fake.example"
    if kind == "URL":
        return f"https://{rng.choice(WORDS)}.fake.example/api/v{rng.randint(1, 3)}"
    if kind == "CERT":
        body = base64.b64encode(rng.randbytes(rng.randint(600, 2900))).decode()
        lines = [body[i : i + 64] for i in range(0, len(body), 64)]
        return "-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) + "\n-----END CERTIFICATE-----\n"
    # 8 bytes to 4 KiB, mostly short; some hold characters every escaper must handle.
    length = min(4096, int(8 * 2 ** rng.uniform(0, 9)))
    text = "".join(rng.choice(printable) for _ in range(length))
    if rng.random() < 0.3:
        at = rng.randrange(len(text))
        text = text[:at] + rng.choice(['"', "\\", "<", "&", "'", "é", "]]>"]) + text[at:]
    return text


def secret_type(kind):
    return {
        "USER": "username", "PASSWORD": "password", "TOKEN": "token", "API_KEY": "api-key",
        "HOST": "host", "PORT": "port", "URL": "url", "CERT": "certificate",
    }.get(kind, "other")


def make_secrets(rng, count):
    names, seen = [], set()
    while len(names) < count:
        kind = rng.choice(KINDS)
        name = f"{rng.choice(WORDS).upper()}_{rng.choice(WORDS).upper()}_{kind}"
        if len(names) >= 200:
            name += f"_{len(names)}"
        if name not in seen:
            seen.add(name)
            names.append((name, kind))
    return names


def write_vault(out, rng, secrets, private):
    public = bytes(private.public_key)
    kid = key_id(public)
    vault = os.path.join(out, "vault")
    os.makedirs(vault, exist_ok=True)
    with open(os.path.join(vault, "vault.yaml"), "w") as f:
        f.write(
            "# Tresor vault settings, written by the benchmark generator.\n"
            f"format: 1\npublic_key: {base64.b64encode(public).decode()}\n"
            f'key_id: "{kid}"\nsettings:\n  warn_value_length: 4096\n  processes: processes/\n'
        )
    box = SealedBox(private.public_key)
    sealed = {}
    for name, kind in secrets:
        value = value_for(rng, kind).encode()
        plaintext = field(name.encode()) + field(kid.encode()) + field(value)
        text = base64.b64encode(box.encrypt(plaintext)).decode()
        sealed[name] = text
        display = f"{kind.lower().replace('_', ' ')} for {name.split('_')[0].lower()}"
        with open(os.path.join(vault, name + ".yaml"), "w") as f:
            f.write(
                "# Tresor secret. Change display_name and type here or with `tresor edit NAME`.\n"
                f'name: {name}\ndisplay_name: "{display}"\ntype: {secret_type(kind)}\n'
                f"value: tresor:v1:{kid}:{text}\n"
                f'created:\n  at: "{STAMP}"\n  by: bench@fake.example\n'
                f'updated:\n  at: "{STAMP}"\n  by: bench@fake.example\n'
            )
    return kid, sealed


class Picker:
    """Chooses secrets with a skew (a few are used everywhere), seeded."""

    def __init__(self, rng, names):
        self.rng = rng
        self.names = names
        self.weights = [1.0 / (i + 1) ** 0.6 for i in range(len(names))]
        self.used = set()

    def one(self):
        name = self.rng.choices(self.names, self.weights)[0]
        self.used.add(name)
        return name

    def some(self):
        return [self.one() for _ in range(self.rng.randint(1, 6))]


def ph(name):
    return "{{secret:" + name + "}}"


def c7_inputs(rng, picker):
    """A Camunda 7 inputOutput with 1-6 placeholders in text, map, list and JSON forms."""
    names = picker.some()
    out = ["          <camunda:inputOutput>"]
    form = rng.randrange(4)
    if form == 0:
        for i, name in enumerate(names):
            out.append(f'            <camunda:inputParameter name="p{i}">{ph(name)}</camunda:inputParameter>')
    elif form == 1:
        out.append('            <camunda:inputParameter name="access"><camunda:map>')
        for i, name in enumerate(names):
            out.append(f'              <camunda:entry key="k{i}">{ph(name)}</camunda:entry>')
        out.append("            </camunda:map></camunda:inputParameter>")
    elif form == 2:
        out.append('            <camunda:inputParameter name="headers"><camunda:list>')
        for name in names:
            out.append(f"              <camunda:value>Bearer {ph(name)}</camunda:value>")
        out.append("            </camunda:list></camunda:inputParameter>")
    else:
        payload = ", ".join(f'"f{i}": "{ph(n)}"' for i, n in enumerate(names))
        out.append(f'            <camunda:inputParameter name="payload">{{ {payload} }}</camunda:inputParameter>')
    out.append('            <camunda:inputParameter name="timeout">30</camunda:inputParameter>')
    out.append("          </camunda:inputOutput>")
    return out


def c8_inputs(rng, picker):
    """A Zeebe ioMapping and task headers with 1-6 placeholders."""
    names = picker.some()
    out = ["          <zeebe:ioMapping>", '            <zeebe:input source="=order.id" target="orderId" />']
    for i, name in enumerate(names):
        if rng.random() < 0.6:
            out.append(f'            <zeebe:input source="{ph(name)}" target="auth.v{i}" />')
        else:
            out.append(
                f'            <zeebe:input source="={{&#34;X-Key&#34;: &#34;{ph(name)}&#34;, '
                f'&#34;n&#34;: {i}}}" target="headers{i}" />'
            )
    out.append("          </zeebe:ioMapping>")
    out.append("          <zeebe:taskHeaders>")
    out.append(f'            <zeebe:header key="client" value="{ph(picker.one())}" />')
    out.append("          </zeebe:taskHeaders>")
    return out


def task(rng, picker, c8, index, secrets_on):
    kind = rng.choices(["serviceTask", "scriptTask", "sendTask", "userTask"], [5, 2, 2, 3])[0]
    tid = f"Task_{index}"
    lines = [f'    <bpmn:{kind} id="{tid}" name="Step {index}: {rng.choice(WORDS)} {rng.choice(WORDS)}">']
    lines.append(f"      <bpmn:documentation>Handles the {rng.choice(WORDS)} step; see the runbook.</bpmn:documentation>")
    lines.append("      <bpmn:extensionElements>")
    if kind == "userTask":
        if c8:
            lines.append('        <zeebe:assignmentDefinition assignee="=reviewer" />')
            lines.append('        <zeebe:formDefinition formKey="review-form" />')
        else:
            lines.append("        <camunda:formData>")
            for f in range(rng.randint(1, 4)):
                lines.append(f'          <camunda:formField id="f{f}" label="Field {f}" type="string" />')
            lines.append("        </camunda:formData>")
    elif c8:
        lines.append(f'        <zeebe:taskDefinition type="io.fake:{rng.choice(WORDS)}:1" />')
        if secrets_on:
            lines += ["  " + l for l in c8_inputs(rng, picker)]
        else:
            lines.append('        <zeebe:ioMapping><zeebe:input source="={&#34;id&#34;: order.id}" target="body" /></zeebe:ioMapping>')
    elif secrets_on:
        lines += ["  " + l for l in c7_inputs(rng, picker)]
    else:
        lines.append('        <camunda:inputOutput><camunda:inputParameter name="mode">batch</camunda:inputParameter></camunda:inputOutput>')
    lines.append("      </bpmn:extensionElements>")
    if kind == "scriptTask":
        lines.append('      <bpmn:script>execution.setVariable("done", true)</bpmn:script>')
    lines.append(f"    </bpmn:{kind}>")
    return tid, kind, lines


def process_file(rng, picker, index):
    c8 = index % 2 == 1
    pid = f"proc-{index:06d}"
    secrets_on = rng.random() < 0.75
    ns = (
        'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"'
        if c8
        else 'xmlns:camunda="http://camunda.org/schema/1.0/bpmn"'
    )
    body = []
    tasks = []
    target = rng.randint(5_000, 30_000)
    size = 0
    count = 0
    while True:
        count += 1
        tid, kind, lines = task(rng, picker, c8, count, secrets_on)
        tasks.append((tid, kind))
        body += lines
        body.append(f'    <bpmn:sequenceFlow id="Flow_{count}" sourceRef="Task_{count}" targetRef="Task_{count + 1}" />')
        size += sum(len(l) for l in lines) + 420  # with the diagram shapes below
        if size >= target * 0.9 or count >= 200:
            break
    diagram = []
    for i, (tid, _) in enumerate(tasks):
        x = 160 + 150 * i
        diagram.append(f'      <bpmndi:BPMNShape id="{tid}_di" bpmnElement="{tid}">')
        diagram.append(f'        <dc:Bounds x="{x}" y="80" width="100" height="80" />')
        diagram.append("      </bpmndi:BPMNShape>")
        diagram.append(f'      <bpmndi:BPMNEdge id="Flow_{i + 1}_di" bpmnElement="Flow_{i + 1}">')
        diagram.append(f'        <di:waypoint x="{x + 100}" y="120" />')
        diagram.append(f'        <di:waypoint x="{x + 150}" y="120" />')
        diagram.append("      </bpmndi:BPMNEdge>")
    text = "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"',
            '  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"',
            '  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"',
            '  xmlns:di="http://www.omg.org/spec/DD/20100524/DI"',
            f'  {ns} id="Definitions_{index}" targetNamespace="http://fake.example/bpmn">',
            f'  <bpmn:process id="{pid}" name="Process {index}" isExecutable="true">',
            '    <bpmn:startEvent id="Start" />',
            *body,
            f'    <bpmn:endEvent id="Task_{count + 1}" />',
            "  </bpmn:process>",
            f'  <bpmndi:BPMNDiagram id="Diagram_{index}">',
            f'    <bpmndi:BPMNPlane id="Plane_{index}" bpmnElement="{pid}">',
            *diagram,
            "    </bpmndi:BPMNPlane>",
            "  </bpmndi:BPMNDiagram>",
            "</bpmn:definitions>",
            "",
        ]
    )
    return pid, text


def json_input(rng, picker):
    names = picker.some()
    doc = {
        "url": f"https://{rng.choice(WORDS)}.fake.example/api",
        "method": rng.choice(["GET", "POST", "PUT"]),
        "headers": {"Accept": "application/json", "Authorization": "Bearer " + ph(names[0])},
        "login": {f"f{i}": ph(n) for i, n in enumerate(names[1:])},
        "retries": rng.randint(0, 5),
        "tags": [rng.choice(WORDS) for _ in range(rng.randint(1, 8))],
    }
    return json.dumps(doc, indent=2) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", choices=list(SIZES) + ["vault"])
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--secrets", type=int, help="override the number of secrets")
    args = parser.parse_args()
    processes, secret_count = SIZES.get(args.size, (0, 10000))
    secret_count = args.secrets or secret_count
    rng = random.Random(f"{args.seed}-{args.size}")

    private = PrivateKey(hashlib.sha256(f"fake-bench-key-{args.seed}".encode()).digest())
    os.makedirs(args.out, exist_ok=True)
    secrets = make_secrets(rng, secret_count)
    kid, sealed = write_vault(args.out, rng, secrets, private)
    key_path = os.path.join(args.out, "master.key")
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.write(fd, (key_text(bytes(private)) + "\n").encode())
    os.close(fd)

    picker = Picker(rng, [name for name, _ in secrets])
    for index in range(processes):
        pid, text = process_file(rng, picker, index)
        write(os.path.join(args.out, "processes", pid + ".bpmn"), text)
        if index % 5 == 0:
            write(os.path.join(args.out, "processes", pid, "CallApi.json"), json_input(rng, picker))
    used = {"processes": picker.used}
    picker.used = set()
    for index in range(processes):
        text = json_input(rng, picker)
        write(os.path.join(args.out, "inputs", f"proc-{index:06d}", "Task_1.json"), text)
    used["inputs"] = picker.used
    picker.used = set()
    write(os.path.join(args.out, "input.json"), json_input(rng, picker))
    used["input"] = picker.used

    os.makedirs(os.path.join(args.out, "floor"), exist_ok=True)
    fd = os.open(os.path.join(args.out, "floor", "key.hex"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.write(fd, bytes(private).hex().encode() + b"\n")
    os.close(fd)
    for job, names in used.items():
        with open(os.path.join(args.out, "floor", f"boxes-{job}.txt"), "w") as f:
            for name in sorted(names):
                f.write(f"{name} {kid} {sealed[name]}\n")
    print(f"generated {args.size}: {processes} processes, {secret_count} secrets "
          f"({len(used['processes'])} used by the processes, {len(used['inputs'])} by the "
          f"inputs) in {args.out}")


if __name__ == "__main__":
    main()

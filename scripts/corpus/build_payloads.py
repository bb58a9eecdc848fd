#!/usr/bin/env python3
"""Write the recorded payloads of docs-corpus/payloads/ from botocore's models.

Three sets, each with a README saying where it came from and what it shows:
  valid/records.jsonl     docconform.payload records (requests and responses) that follow the docs
  broken/records.jsonl    the same kind of records, each with ONE known fault injected and labelled
                          ("expect": {"code", "path"}), plus one record cut off mid-way (not JSON)
  placebo/                placebo recordings (<service>.<Operation>_<n>.json, {"status_code", "data"})
                          as placebo writes them (datetime objects, ResponseMetadata), two of them
                          with a fault a real service could produce

Values come from botocore 1.43.11's service models through the generator of
scripts/gen_labelled_payloads.py (enums pick documented values, patterns are sampled, lengths
and ranges stay inside min/max). Only operations that the given docs snapshot documents are
used (the EC2 slice, the transcribe pages), and only faults that the snapshot's formats can
show: boto3 pages state no min/max/pattern, so length/range/pattern faults are injected only
into transcribe records, whose AWS reference pages state them.

Usage: build_payloads.py --snapshot docs-corpus/snapshots/botocore-1.43.11 --out docs-corpus/payloads
"""
import argparse
import copy
import json
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
import botocore  # noqa: E402
import botocore.session  # noqa: E402
from botocore import xform_name  # noqa: E402
from gen_labelled_payloads import Generator, Untranslatable, inject  # noqa: E402

PINNED = '1.43.11'
SEED = 20261122
OPS_PER_SERVICE = 12
# Faults the boto3 pages can show (required only in requests: the pages mark no required response members).
BOTO3_FAULTS = ['required', 'unknown', 'type', 'enum', 'union']
REFERENCE_FAULTS = BOTO3_FAULTS + ['length', 'pattern', 'range']


def documented_operations(snapshot, service, model):
    """API operation names the snapshot has a page for."""
    by_method = {xform_name(op): op for op in model['operations']}
    found = set()
    rst = os.path.join(snapshot, 'boto3-rst', service, 'client')
    if os.path.isdir(rst):
        for name in os.listdir(rst):
            op = by_method.get(name[:-4])
            if op:
                found.add(op)
    for fmt in ('aws-reference-markdown', 'aws-reference-html', 'aws-reference-text'):
        folder = os.path.join(snapshot, fmt, service)
        if os.path.isdir(folder):
            for name in os.listdir(folder):
                stem = os.path.splitext(name)[0]
                if stem.startswith('API_') and stem[4:] in model['operations']:
                    found.add(stem[4:])
    return sorted(found)


def snapshot_services(snapshot):
    services = set()
    for fmt in os.listdir(snapshot):
        folder = os.path.join(snapshot, fmt)
        if os.path.isdir(folder):
            services.update(d for d in os.listdir(folder) if os.path.isdir(os.path.join(folder, d)))
    return sorted(services)


def faults_for(snapshot, service):
    ref = any(os.path.isdir(os.path.join(snapshot, f, service))
              for f in ('aws-reference-markdown', 'aws-reference-html', 'aws-reference-text'))
    return REFERENCE_FAULTS if ref else BOTO3_FAULTS


def placebo_value(value, shape_name, shapes):
    """A payload as placebo records it: timestamps become its datetime objects."""
    shape = shapes[shape_name]
    t = shape['type']
    if t == 'structure' and isinstance(value, dict):
        members = shape.get('members', {})
        return {k: placebo_value(v, members[k]['shape'], shapes) if k in members else v for k, v in value.items()}
    if t == 'list' and isinstance(value, list):
        return [placebo_value(v, shape['member']['shape'], shapes) for v in value]
    if t == 'map' and isinstance(value, dict):
        return {k: placebo_value(v, shape['value']['shape'], shapes) for k, v in value.items()}
    if t == 'timestamp':
        return {'__class__': 'datetime', 'year': 2026, 'month': 3, 'day': 14, 'hour': 9, 'minute': 26,
                'second': 53, 'microsecond': 589000}
    return value


def response_metadata(rnd, status):
    request_id = '%08x-%04x-%04x-%04x-%012x' % (rnd.getrandbits(32), rnd.getrandbits(16), rnd.getrandbits(16),
                                              rnd.getrandbits(16), rnd.getrandbits(48))
    return {'RequestId': request_id, 'HTTPStatusCode': status,
            'HTTPHeaders': {'x-amzn-requestid': request_id, 'content-type': 'application/x-amz-json-1.1',
                            'date': 'Sat, 14 Mar 2026 09:26:53 GMT'},
            'RetryAttempts': 0}


def write_jsonl(path, records):
    with open(path, 'w') as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=False) + '\n')


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--snapshot', required=True, help='the docs snapshot the payloads are meant for')
    ap.add_argument('--out', required=True)
    args = ap.parse_args()
    if botocore.__version__ != PINNED:
        sys.exit('botocore %s installed; the payloads are pinned to %s' % (botocore.__version__, PINNED))
    sys.setrecursionlimit(10000)
    rnd = random.Random(SEED)
    loader = botocore.session.get_session().get_component('data_loader')

    valid, broken = [], []
    placebo = {}
    for service in snapshot_services(args.snapshot):
        try:
            model = loader.load_service_model(service, 'service-2')
        except Exception:
            print('%s: no botocore model, no payloads' % service, file=sys.stderr)
            continue
        gen = Generator(service, model, rnd)
        ops = documented_operations(args.snapshot, service, model)
        chosen = sorted(random.Random(SEED + len(service)).sample(ops, min(OPS_PER_SERVICE, len(ops))))
        faults = faults_for(args.snapshot, service)
        fault_turn = 0
        for op_name in chosen:
            op = model['operations'][op_name]
            for direction, key in (('request', 'input'), ('response', 'output')):
                if key not in op:
                    continue
                root = op[key]['shape']
                try:
                    payload = gen.gen(root)
                except (Untranslatable, RecursionError):
                    continue
                base = '%s.%s.%s' % (service, op_name, direction)
                valid.append({'id': base, 'service': service, 'operation': op_name,
                              'direction': direction, 'payload': payload})
                # One fault per record, taking the codes in turn so each appears.
                for attempt in range(len(faults)):
                    code = faults[(fault_turn + attempt) % len(faults)]
                    if code == 'required' and direction == 'response':
                        continue
                    try:
                        r = inject(gen, payload, root, code, rnd)
                    except (Untranslatable, RecursionError):
                        r = None
                    if r is None:
                        continue
                    fault_turn = (fault_turn + attempt + 1) % len(faults)
                    broken.append({'id': base + '.' + code, 'service': service, 'operation': op_name,
                                   'direction': direction, 'payload': r[0],
                                   'expect': {'code': code, 'path': r[1]}})
                    break
                if (direction == 'response' and op_name.startswith(('Describe', 'Get', 'List'))
                        and service not in {k.split('.')[0] for k in placebo}):
                    placebo['%s.%s_1.json' % (service, op_name)] = {
                        'status_code': 200,
                        'data': dict(placebo_value(payload, root, model['shapes']),
                                     ResponseMetadata=response_metadata(rnd, 200))}
    # An operation the docs do not have, and a recording cut off mid-way.
    first = valid[0]
    broken.append({'id': 'unknown-operation', 'service': first['service'], 'operation': first['operation'] + 'V2',
                   'direction': first['direction'], 'payload': first['payload'],
                   'expect': {'code': 'operation', 'path': ''}})
    os.makedirs(os.path.join(args.out, 'valid'), exist_ok=True)
    os.makedirs(os.path.join(args.out, 'broken'), exist_ok=True)
    os.makedirs(os.path.join(args.out, 'placebo'), exist_ok=True)
    write_jsonl(os.path.join(args.out, 'valid', 'records.jsonl'), valid)
    write_jsonl(os.path.join(args.out, 'broken', 'records.jsonl'), broken)
    truncated = json.dumps(valid[1], ensure_ascii=False)
    with open(os.path.join(args.out, 'broken', 'records.jsonl'), 'a') as f:
        f.write(truncated[: len(truncated) // 2] + '\n')

    placebo_faults = add_placebo_faults(placebo, loader)
    for old in os.listdir(os.path.join(args.out, 'placebo')):
        if old.endswith('.json'):
            os.remove(os.path.join(args.out, 'placebo', old))
    for name, body in placebo.items():
        with open(os.path.join(args.out, 'placebo', name), 'w') as f:
            json.dump(body, f, indent=4, ensure_ascii=False)
            f.write('\n')
    with open(os.path.join(args.out, 'placebo', 'FAULTS.md'), 'w') as f:
        f.write('# Faults in the placebo recordings\n\n| file | code | path | what |\n|---|---|---|---|\n')
        for name, code, path, what in placebo_faults:
            f.write('| `%s` | %s | `%s` | %s |\n' % (name, code, path, what))
    print('valid %d, broken %d (+1 cut off), placebo %d (%d with a fault)'
          % (len(valid), len(broken), len(placebo), len(placebo_faults)), file=sys.stderr)


def add_placebo_faults(placebo, loader):
    """Second recordings of two operations with faults a real service could produce."""
    faults = []
    for name in sorted(placebo):
        service, rest = name.split('.', 1)
        op_name = rest.rsplit('_', 1)[0]
        model = loader.load_service_model(service, 'service-2')
        root = model['operations'][op_name]['output']['shape']
        body = copy.deepcopy(placebo[name])
        data = body['data']
        if len(faults) == 0:
            # A member the docs do not know yet (a service ahead of its docs).
            data['ExperimentalFeatureFlags'] = ['preview']
            faults.append((name.replace('_1', '_2'), 'unknown', 'ExperimentalFeatureFlags',
                           'the service returned a member the docs do not describe'))
        elif len(faults) == 1:
            path = first_enum_path(data, root, model['shapes'])
            if path is None:
                continue
            value = get_path(data, path[0])
            set_path(data, path[0], value.lower() if value.lower() != value else value + '-preview')
            faults.append((name.replace('_1', '_2'), 'enum', render(path[0]),
                           'an enum value the docs do not list (%s, written in lower case)' % path[1]))
        else:
            break
        placebo[name.replace('_1', '_2')] = body
    return faults


def first_enum_path(value, shape_name, shapes, path=()):
    shape = shapes[shape_name]
    t = shape['type']
    if t == 'string' and 'enum' in shape and isinstance(value, str):
        return path, shape_name
    if t == 'structure' and isinstance(value, dict):
        for k, v in value.items():
            ref = shape.get('members', {}).get(k)
            if ref:
                found = first_enum_path(v, ref['shape'], shapes, path + (k,))
                if found:
                    return found
    if t == 'list' and isinstance(value, list):
        for i, v in enumerate(value):
            found = first_enum_path(v, shape['member']['shape'], shapes, path + (i,))
            if found:
                return found
    return None


def get_path(root, path):
    for p in path:
        root = root[p]
    return root


def set_path(root, path, new):
    for p in path[:-1]:
        root = root[p]
    root[path[-1]] = new


def render(path):
    out = ''
    for p in path:
        out += '[%d]' % p if isinstance(p, int) else ('.' + p if out else p)
    return out


if __name__ == '__main__':
    main()

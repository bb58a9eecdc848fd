#!/usr/bin/env python3
"""Speed anchor for `docconform parse` on a botocore data folder: botocore itself loading every
service model and walking every operation's input/output shape tree (recursion cut the same way)."""
import sys
import time

import botocore.session


def walk(shape, stack):
    if shape.name in stack:
        return 1
    stack.add(shape.name)
    count = 1
    if shape.type_name == "structure":
        for member in shape.members.values():
            count += walk(member, stack)
    elif shape.type_name == "list":
        count += walk(shape.member, stack)
    elif shape.type_name == "map":
        count += walk(shape.key, stack) + walk(shape.value, stack)
    stack.discard(shape.name)
    return count


def main():
    start = time.perf_counter()
    session = botocore.session.get_session()
    services = session.get_available_services()
    operations = nodes = 0
    for name in services:
        model = session.get_service_model(name)
        for op_name in model.operation_names:
            op = model.operation_model(op_name)
            operations += 1
            for shape in (op.input_shape, op.output_shape):
                if shape is not None:
                    nodes += walk(shape, set())
    elapsed = time.perf_counter() - start
    print(f"botocore {botocore.__version__}: {len(services)} services, {operations} operations, "
          f"{nodes} shape nodes walked in {elapsed:.2f} s", file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""boto3 RST pages of the seed changelog releases, for the differ's RST-side seed tests.

Old botocore releases (1.5.x, 1.8.x) lack data files that today's boto3 needs to create a
client (sdk-default-configuration.json, endpoint rule sets ...). This builds a data folder
holding the old release's service models plus only those missing companion files from the
installed botocore, then runs the project's page generator (scripts/generate_boto3_docs.py,
boto3's own ServiceDocumenter) on it and keeps the pages of the operations the seeds name.

    generate_differ_seed_pages.py --generator PATH/generate_boto3_docs.py --out DIR
    generate_differ_seed_pages.py --generator ... --out DIR --botocore-version 1.13.0 --services polly,connect

The second form writes every client page of the named services (for accuracy runs on
held-out release pairs) to DIR/boto3-rst-<version>/<service>/client/.
"""
import argparse
import importlib.util
import os
import shutil
import subprocess
import sys

SEEDS = {
    ("1.5.42", "1.5.43"): ("appstream", ["create_fleet", "describe_fleets", "describe_images", "describe_sessions", "update_fleet"]),
    ("1.8.40", "1.8.41"): ("ec2", ["create_network_interface", "describe_instances", "describe_network_interfaces", "run_instances"]),
}


def release_data(version, work):
    target = os.path.join(work, "botocore-" + version)
    data = os.path.join(target, "botocore", "data")
    if not os.path.isdir(data):
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", target,
                        "botocore==" + version], check=True)
    return data


def generation_data(version, services, work):
    """The release's model of `service` plus the installed botocore's companion files."""
    import botocore
    import botocore.session
    installed = os.path.join(os.path.dirname(botocore.__file__), "data")
    old = release_data(version, work)
    folder = os.path.join(work, "gen-data-" + version)
    shutil.rmtree(folder, ignore_errors=True)
    for service in services:
        shutil.copytree(os.path.join(old, service), os.path.join(folder, service))
    for name in os.listdir(installed):
        path = os.path.join(installed, name)
        if os.path.isfile(path) and not os.path.exists(os.path.join(folder, name)):
            shutil.copy(path, folder)  # endpoints, partitions, sdk-default-configuration, _retry
    # Models of that era have no metadata.serviceId, which today's botocore requires to build
    # a client; take it from the installed model (metadata only, no shape is touched).
    import json
    for service, version_dir in [(s, v) for s in services for v in os.listdir(os.path.join(folder, s))]:
        model_path = os.path.join(folder, service, version_dir, "service-2.json")
        if not os.path.exists(model_path):
            continue
        model = json.load(open(model_path))
        if "serviceId" not in model["metadata"]:
            current = botocore.session.get_session().get_service_model(service)
            model["metadata"]["serviceId"] = current.metadata["serviceId"]
            json.dump(model, open(model_path, "w"))
    # Endpoint rule sets did not exist then; take the current one (it only routes requests).
    for service, version_dir in [(s, v) for s in services for v in os.listdir(os.path.join(folder, s))]:
        current = os.path.join(installed, service, version_dir)
        for name in os.listdir(current) if os.path.isdir(current) else []:
            if name.startswith("endpoint-rule-set"):
                shutil.copy(os.path.join(current, name), os.path.join(folder, service, version_dir))
    return folder


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--generator", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--work", default="/tmp/docconform-differ-seed-pages")
    ap.add_argument("--botocore-version")
    ap.add_argument("--services")
    args = ap.parse_args()
    spec = importlib.util.spec_from_file_location("generate_boto3_docs", args.generator)
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    if args.botocore_version:
        services = args.services.split(",")
        data = generation_data(args.botocore_version, services, args.work)
        gen._init_worker(data, os.path.join(args.out, "boto3-rst-" + args.botocore_version))
        for service in services:
            name, count, error, _ = gen._document(service)
            print("%s %s: %d pages%s" % (service, args.botocore_version, count, " error: %s" % error if error else ""))
        return
    for versions, (service, methods) in SEEDS.items():
        for version in versions:
            data = generation_data(version, [service], args.work)
            pages = os.path.join(args.work, "pages-" + version)
            shutil.rmtree(pages, ignore_errors=True)
            gen._init_worker(data, pages)
            name, count, error, _ = gen._document(service)
            if error:
                sys.exit("%s %s: %s" % (service, version, error))
            dest = os.path.join(args.out, "boto3-rst-" + version, service, "client")
            os.makedirs(dest, exist_ok=True)
            for m in methods:
                shutil.copy(os.path.join(pages, service, "client", m + ".rst"), dest)
            print("%s %s: %d pages generated, %d kept -> %s" % (service, version, count, len(methods), dest))


if __name__ == "__main__":
    main()

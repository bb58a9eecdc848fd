#!/usr/bin/env python3
"""Write boto3's RST client method pages for a botocore release.

Pages are produced by boto3's own generator (boto3.docs.service.ServiceDocumenter), exactly
as that boto3 release's documentation build writes them:
- boto3 since 1.26 (2023) writes one page per client method: <out>/<service>/client/<method>.rst
  (only the client section is generated);
- older boto3 writes one page per service, every client method in it along with paginators,
  waiters and resources: <out>/reference/services/<service>.rst (the whole page).
Run the script with the Python of a virtualenv holding the boto3 release to generate that
era's pages (.venv-2016/bin/python scripts/generate_boto3_docs.py --out ...).

For a botocore release other than the installed one, the release is installed into
/tmp/docconform-botocore-<version> (pip --target, no dependencies) and the botocore
loader is pointed at ONLY that release's data folder: AWS_DATA_PATH alone would still
fall back to the installed models for anything the release lacks.

Usage:
  scripts/generate_boto3_docs.py --out /tmp/rst-1.43.11
  .venv-2018/bin/python scripts/generate_boto3_docs.py --out generated/rst-1.10.50
  scripts/generate_boto3_docs.py --botocore-version 1.40.0 --services ec2,s3 --out /tmp/rst-1.40.0
"""
import argparse
import multiprocessing
import os
import subprocess
import sys
import time


def release_data_dir(version):
    """The data folder of botocore `version` (installed or fetched into /tmp)."""
    import botocore
    if version is None or version == botocore.__version__:
        return os.path.join(os.path.dirname(botocore.__file__), 'data')
    target = f'/tmp/docconform-botocore-{version}'
    data = os.path.join(target, 'botocore', 'data')
    if not os.path.isdir(data):
        subprocess.run([sys.executable, '-m', 'pip', 'install', '--quiet', '--no-deps',
                        '--target', target, f'botocore=={version}'], check=True)
    return data


def make_session(data_dir):
    """A boto3 session whose loader reads only `data_dir` (plus boto3's resource models)."""
    import boto3.session
    import botocore.loaders
    import botocore.session
    core = botocore.session.get_session()
    loader = botocore.loaders.Loader(extra_search_paths=[data_dir], include_default_search_paths=False)
    core.register_component('data_loader', loader)
    # boto3 adds its own data folder (resource models) to this loader's search paths.
    return boto3.session.Session(botocore_session=core, region_name='us-east-1',
                                 aws_access_key_id='docconform', aws_secret_access_key='docconform')


_session = None
_out = None


def _init_worker(data_dir, out):
    global _session, _out
    _session = make_session(data_dir)
    _out = out


def _writes_method_pages():
    """Whether this boto3 writes one page per client method (ServiceDocumenter takes a root path)."""
    import inspect
    from boto3.docs.service import ServiceDocumenter
    return 'root_docs_path' in inspect.signature(ServiceDocumenter.__init__).parameters


def _document(service):
    from boto3.docs.service import ServiceDocumenter
    from botocore.docs.bcdoc.restdoc import DocumentStructure
    started = time.time()
    try:
        if _writes_method_pages():
            documenter = ServiceDocumenter(service, _session, _out)
            # The client section writes one page per client method; the service overview
            # page, paginators, waiters and resources are not needed.
            documenter.client_api(DocumentStructure(service, target='html'))
            folder = os.path.join(_out, service, 'client')
            pages = len(os.listdir(folder)) if os.path.isdir(folder) else 0
        else:
            # As that era's boto3.docs.generate_docs writes it: the whole service page.
            page = ServiceDocumenter(service, _session).document_service()
            folder = os.path.join(_out, 'reference', 'services')
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, service + '.rst'), 'wb') as f:
                f.write(page)
            pages = 1
    except Exception as error:  # report and go on with the other services
        return service, 0, f'{type(error).__name__}: {error}', time.time() - started
    return service, pages, None, time.time() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--botocore-version', help='botocore release (default: the installed one)')
    parser.add_argument('--services', help='comma-separated service names (default: all of the release)')
    parser.add_argument('--out', required=True, help='output folder')
    parser.add_argument('--jobs', type=int, default=2, help='worker processes (default 2)')
    args = parser.parse_args()

    data_dir = release_data_dir(args.botocore_version)
    session = make_session(data_dir)
    try:
        from botocore.docs import DEPRECATED_SERVICE_NAMES
    except ImportError:  # botocore before 2023 lists none
        DEPRECATED_SERVICE_NAMES = set()
    available = [s for s in session.get_available_services() if s not in DEPRECATED_SERVICE_NAMES]
    if args.services:
        wanted = [s.strip() for s in args.services.split(',') if s.strip()]
        unknown = [s for s in wanted if s not in available]
        if unknown:
            print(f'unknown services for this release: {", ".join(unknown)}', file=sys.stderr)
            return 2
        services = wanted
    else:
        services = available
    os.makedirs(args.out, exist_ok=True)
    started = time.time()
    failures = 0
    total = 0
    with multiprocessing.Pool(max(1, args.jobs), initializer=_init_worker, initargs=(data_dir, args.out)) as pool:
        for service, pages, error, seconds in pool.imap_unordered(_document, services):
            if error:
                failures += 1
                print(f'{service}: error: {error}', file=sys.stderr)
            total += pages
    print(f'{len(services)} services, {total} pages from {data_dir} in {time.time() - started:.0f} s -> {args.out}',
          file=sys.stderr)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())

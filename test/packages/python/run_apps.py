"""Synthesize every Python app of this package's tests in one Python process, and write what each did.

    python run_apps.py <README.md> <out dir> [<log file> ...]

writes, under <out dir>:

- ``examples/<name>/``: the cloud assembly of each app of ``examples/python/`` (``single_bucket.py``
  is ``single-bucket``, the name of its TypeScript twin in ``examples/index.ts``), synthesized
  from a fresh ``App(outdir=...)``;
- ``readme-line-<line>/``: the cloud assembly of each Python sample of the README that defines an
  app (``app = App()``), run as written and then synthesized;
- ``results.json``: the versions installed; the README samples run; the exception
  each app of ``bad_apps.py`` raised (type and message); and ``AccessLogFormat.parse_line`` of each
  line of the given log files, as a dict of the record's properties (``None`` for no record), and
  ``AccessLogFormat.REGEX`` and ``FIELDS``.

One process for all: every Python process that imports ``aws_cdk`` pays about 10 s to import it and
start the jsii kernel, so the apps share one.
"""
import importlib
import importlib.metadata
import json
import os
import platform
import re
import shutil
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
EXAMPLES = os.path.join(ROOT, "examples", "python")
sys.path[:0] = [EXAMPLES, HERE]

from aws_cdk import App  # noqa: E402
from cdk_s3_access_logs import AccessLogFormat, AccessLogRecord, CloudWatchLogsDelivery  # noqa: E402

from bad_apps import BAD_APPS  # noqa: E402

# Names of AccessLogRecord's properties (snake_case, as a Python user reads them).
RECORD_FIELDS = sorted(name for name, member in vars(AccessLogRecord).items() if isinstance(member, property))


def synth_examples(out_dir):
    """Each examples/python/<module>.py defines <module>_app(app)."""
    names = []
    for file in sorted(os.listdir(EXAMPLES)):
        if not file.endswith(".py") or file.startswith("_"):
            continue
        module_name = file[:-3]
        build = getattr(importlib.import_module(module_name), f"{module_name}_app")
        name = module_name.replace("_", "-")
        app = App(outdir=os.path.join(out_dir, "examples", name))
        build(app)
        app.synth()
        names.append(name)
    return names


def python_samples(readme):
    """The ```python fenced blocks of a Markdown file, with the line of their first line of code."""
    lines = open(readme, encoding="utf-8").read().split("\n")
    samples, i = [], 0
    while i < len(lines):
        match = re.match(r"^(\s*)```python\s*$", lines[i])
        if match:
            indent, body, j = match.group(1), [], i + 1
            while not re.match(r"^\s*```\s*$", lines[j]):
                body.append(lines[j][len(indent):] if lines[j].startswith(indent) else lines[j].lstrip())
                j += 1
            samples.append({"line": i + 2, "code": "\n".join(body)})
            i = j
        i += 1
    return samples


def run_readme_apps(readme, out_dir):
    """Run each README sample that defines an app as written, then synthesize its `app`."""
    runs = []
    for sample in python_samples(readme):
        if not re.search(r"^app = App\(\)", sample["code"], re.MULTILINE):
            continue  # a fragment of an app, parsed by test/readme-samples.test.ts
        namespace = {"__name__": "readme_sample"}
        exec(compile(sample["code"], f"README.md:{sample['line']}", "exec"), namespace)
        # The app has no outdir: aws-cdk-lib synthesizes into a temporary directory, which newer
        # releases remove when the process exits. Keep a copy.
        assembly = os.path.join(out_dir, f"readme-line-{sample['line']}")
        shutil.copytree(namespace["app"].synth().directory, assembly)
        runs.append({"line": sample["line"], "assembly": assembly})
    return runs


def run_bad_apps():
    errors = {}
    for name, build in BAD_APPS.items():
        try:
            app = App()
            build(app)
            app.synth()
            errors[name] = None
        except Exception as error:  # what a user's app would see
            errors[name] = {
                "type": f"{type(error).__module__}.{type(error).__qualname__}",
                "message": str(error),
                "traceback": traceback.format_exception(type(error), error, error.__traceback__),
                # jsii raises a JavaScript error from a JavaScriptError that carries its stack.
                "javaScriptStack": None if error.__cause__ is None else str(error.__cause__),
            }
    return errors


def parse_lines(log_files):
    records = []
    for log_file in log_files:
        for line in open(log_file, encoding="utf-8").read().splitlines():
            record = AccessLogFormat.parse_line(line)
            records.append(None if record is None else {field: getattr(record, field) for field in RECORD_FIELDS})
    return records


def fields():
    """``AccessLogFormat.FIELDS`` as dicts, or the error reading it raised."""
    try:
        return [{"name": f.name, "column_name": f.column_name, "column_type": f.column_type} for f in AccessLogFormat.FIELDS]
    except Exception as error:
        return {"error": f"{type(error).__qualname__}: {error}"}


def main(readme, out_dir, *log_files):
    results = {
        "versions": {
            "python": platform.python_version(),
            **{dist: importlib.metadata.version(dist) for dist in ["aws-cdk-lib", "constructs", "jsii", "cdk-s3-access-logs"]},
        },
        "examples": synth_examples(out_dir),
        "readme": run_readme_apps(readme, out_dir),
        "errors": run_bad_apps(),
        "parseLine": parse_lines(log_files),
        "format": {"REGEX": AccessLogFormat.REGEX, "FIELDS": fields(), "RECORD_FIELDS": list(CloudWatchLogsDelivery.RECORD_FIELDS)},
    }
    with open(os.path.join(out_dir, "results.json"), "w", encoding="utf-8") as out:
        json.dump(results, out, indent=1)


if __name__ == "__main__":
    main(*sys.argv[1:])

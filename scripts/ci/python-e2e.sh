#!/usr/bin/env bash
# The Python package as a Python user gets it: the wheel that `npx projen bindings` built into
# dist/python, installed from the file into a fresh virtual environment with aws-cdk-lib and
# constructs from PyPI, then test/packages/python-package.e2e.ts, which runs the Python apps and
# compares each with its TypeScript twin.
#
#   scripts/ci/python-e2e.sh floor    # CPython 3.10 (the oldest jsii supports), aws-cdk-lib 2.172.0,
#                                     # all pinned in requirements-python-floor.txt
#   scripts/ci/python-e2e.sh newest   # CPython 3.13, the newest aws-cdk-lib and constructs on PyPI
#   scripts/ci/python-e2e.sh dependencies floor|newest DIR
#                                     # only a virtual environment in DIR with that aws-cdk-lib and
#                                     # constructs (no wheel needed): with PYTHON_E2E_VENV=DIR a later
#                                     # floor|newest run installs the wheel into it, so that CI can
#                                     # download them while other steps run
#
# The TypeScript twins must run against the same aws-cdk-lib and constructs as the Python apps.
# At the floor, that is this checkout's node_modules. For the newest, PyPI's newest aws-cdk-lib is
# not always the npm registry's (one registry may be a release behind), so the TypeScript side runs
# in a scratch copy of the working tree with the versions pip installed put in with
# `npm install --no-save`, as scripts/ci/newest-aws-cdk-lib.sh does with the npm registry's newest.
set -euo pipefail

which="${1:?usage: scripts/ci/python-e2e.sh floor|newest|dependencies}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

phase_started=$SECONDS
phase_done() {
  echo "--- python-e2e ${which}: $1 took $((SECONDS - phase_started)) s"
  phase_started=$SECONDS
}

# CPython <version> from pyenv (the machine image has 3.10 to 3.13), or on PATH as python<version>.
find_python() {
  local candidate
  for candidate in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$1".*/bin/python"$1" "$(command -v "python$1" || true)"; do
    if [ -x "$candidate" ] && "$candidate" -c 'import venv, ensurepip' 2>/dev/null; then
      echo "$candidate"
      return
    fi
  done
  echo "python-e2e: CPython $1 with venv and ensurepip not found (pyenv install $1, or put python$1 on PATH)" >&2
  exit 1
}

python_for() {
  case "$1" in
    floor) find_python 3.10 ;;
    newest) find_python 3.13 ;;
    *) echo "usage: scripts/ci/python-e2e.sh floor|newest|dependencies floor|newest DIR" >&2; exit 2 ;;
  esac
}

# aws-cdk-lib and constructs into the virtual environment of `$1` (floor: pinned; newest: PyPI's newest).
# Only what pip itself brings: PIP_CONSTRAINT from .ci/run pins the CI tools, not a user's install.
install_dependencies() {
  local venv_python="$1" kind="$2"
  if [ "$kind" = floor ]; then
    env -u PIP_CONSTRAINT "$venv_python" -m pip --disable-pip-version-check --no-input --quiet install -r scripts/ci/requirements-python-floor.txt
  else
    env -u PIP_CONSTRAINT "$venv_python" -m pip --disable-pip-version-check --no-input --quiet install aws-cdk-lib constructs
  fi
}

if [ "$which" = dependencies ]; then
  kind="${2:?usage: scripts/ci/python-e2e.sh dependencies floor|newest DIR}"
  dir="${3:?usage: scripts/ci/python-e2e.sh dependencies floor|newest DIR}"
  "$(python_for "$kind")" -m venv --clear "$dir"
  install_dependencies "$dir/bin/python" "$kind"
  touch "$dir/.dependencies-installed"
  exit 0
fi
python="$(python_for "$which")"

shopt -s nullglob
wheels=(dist/python/*.whl)
if [ "${#wheels[@]}" -ne 1 ]; then
  echo "python-e2e: expected one wheel in dist/python, found ${#wheels[@]}: run npx projen bindings first" >&2
  exit 1
fi
wheel="$root/${wheels[0]}"

scratch="$(mktemp -d "${TMPDIR:-/tmp}/python-e2e-${which}.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

unset PIP_CONSTRAINT
if [ -n "${PYTHON_E2E_VENV:-}" ] && [ -f "$PYTHON_E2E_VENV/.dependencies-installed" ]; then
  venv="$PYTHON_E2E_VENV"
else
  venv="$scratch/venv"
  "$python" -m venv "$venv"
  install_dependencies "$venv/bin/python" "$which"
fi
venv_python="$venv/bin/python"
pip=("$venv_python" -m pip --disable-pip-version-check --no-input --quiet)
# At the floor every dependency is pinned above; the newest takes what the wheel needs beyond them
# (nothing, normally: aws-cdk-lib brings jsii and the rest). pip check below holds them to its ranges.
if [ "$which" = floor ]; then
  "${pip[@]}" install --no-deps "$wheel"
else
  "${pip[@]}" install "$wheel"
fi
"${pip[@]}" check
version() { "$venv_python" -c "import importlib.metadata, sys; print(importlib.metadata.version(sys.argv[1]))" "$1"; }
aws_cdk_lib="$(version aws-cdk-lib)"
constructs="$(version constructs)"
echo "python-e2e ${which}: $("$venv_python" --version), aws-cdk-lib ${aws_cdk_lib}, constructs ${constructs}, jsii $(version jsii), $(basename "$wheel")"
phase_done 'virtual environment'

# The command, as a Python user runs it: the wheel's console script runs the package's bin through
# jsii's node runtime, with the yaml the npm tarball inside the wheel bundles.
set +e
"$venv/bin/cdk-s3-access-logs" check test/cli/fixtures/rules/self-logging.yaml --format json > "$scratch/command.json"
command_status=$?
set -e
command_findings="$(node -e "console.log(require(process.argv[1]).findings.length)" "$scratch/command.json")"
if [ "$command_status" -ne 1 ] || [ "$command_findings" -ne 2 ]; then
  echo "python-e2e: cdk-s3-access-logs check from the wheel exited with $command_status and $command_findings findings, expected 1 and 2" >&2
  exit 1
fi
phase_done 'cdk-s3-access-logs check, from the wheel'

if [ "$which" = newest ]; then
  floor="$(node -p "require('./node_modules/aws-cdk-lib/package.json').version")"
  if [ "$aws_cdk_lib" = "$floor" ]; then
    echo "python-e2e: the newest aws-cdk-lib on PyPI is the floor itself: this run would test nothing new." >&2
    exit 1
  fi
  git ls-files -z --cached --others --exclude-standard \
    | while IFS= read -r -d '' file; do if [ -e "$file" ]; then printf '%s\0' "$file"; fi; done \
    | xargs -0 cp --parents -t "$scratch"
  cp -a node_modules "$scratch/"
  cd "$scratch"
  npm install --no-save --no-audit --no-fund --loglevel=error "aws-cdk-lib@${aws_cdk_lib}" "constructs@${constructs}"
  phase_done "scratch copy with aws-cdk-lib ${aws_cdk_lib} from npm"
fi

PYTHON_E2E_PYTHON="$venv_python" npx jest --ci --coverage=false \
  --testMatch '<rootDir>/test/packages/**/*.e2e.ts' -- test/packages/python-package.e2e.ts
phase_done 'jest test/packages/python-package.e2e.ts'

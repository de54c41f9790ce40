# syntax=docker/dockerfile:1
# policybot: one image for the server (`policybot serve`), the ingest job and the CLI.
#   docker build -t policybot .
#   docker run --rm -p 3000:3000 --env-file policybot.env policybot
# The build stage runs deploy/docker/install.sh, the same script tests/deploy runs into a
# clean virtualenv: keep every install step there, not here.
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
# torch==2.13.0+cpu in requirements.lock comes from PyTorch's CPU index; PyPI alone would
# offer only the multi-GB CUDA build under that version.
ARG TORCH_INDEX=https://download.pytorch.org/whl/cpu
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
WORKDIR /src
COPY requirements.lock pyproject.toml README.md ./
COPY deploy/docker/install.sh deploy/docker/install.sh
COPY bot bot
COPY ingest ingest
COPY knowledge knowledge
RUN TORCH_INDEX="${TORCH_INDEX}" PYTHON=python3 \
    deploy/docker/install.sh /opt/policybot /var/lib/policybot

FROM ${PYTHON_IMAGE}
LABEL org.opencontainers.image.title="policybot" \
      org.opencontainers.image.description="Answers staff questions about the HRA social media policy; escalates reports to the communications team."
# A fixed uid so volume permissions and Kubernetes' runAsUser agree across rebuilds.
RUN groupadd --system --gid 10001 policybot \
 && useradd --system --uid 10001 --gid policybot --home-dir /var/lib/policybot \
    --shell /usr/sbin/nologin policybot \
 && install -d -o policybot -g policybot /var/lib/chroma
# (/var/lib/chroma: where compose.yaml's Chroma server, run from this same image so its
# version is the client's, keeps its data; a new volume there inherits this ownership.)
# The venv keeps its absolute paths, so it lands at the same place it was built.
COPY --from=build /opt/policybot /opt/policybot
# The baked store (and, without DATABASE_URL, the SQLite escalation database) must be
# writable by the bot: Chroma opens its files read-write.
COPY --from=build --chown=policybot:policybot /var/lib/policybot /var/lib/policybot
ENV PATH=/opt/policybot/bin:$PATH \
    POLICYBOT_DATA_DIR=/var/lib/policybot \
    POLICYBOT_KNOWLEDGE_DIR=/opt/policybot/share/policybot/knowledge \
    POLICYBOT_LOG_JSON=true \
    PORT=3000 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    PYTHONUNBUFFERED=1
USER 10001:10001
WORKDIR /var/lib/policybot
EXPOSE 3000
# The slim image has no curl: ask /healthz with the venv's Python. The start period
# covers loading the model before the server listens.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '3000'), timeout=4)"]
ENTRYPOINT ["policybot"]
CMD ["serve"]

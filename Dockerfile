# Trợ lý Dân vận: the Telegram / Zalo bot. State lives in the /data volume.
#   docker build -t tro-ly-dan-van .
#   docker run -d --name danvan -v danvan-data:/data -e TELEGRAM_BOT_TOKEN=... tro-ly-dan-van
# The health check probes the webhook server, so it only means something in webhook
# mode (DANVAN_WEBHOOK_URL set); in polling mode it always passes.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DANVAN_DATA_DIR=/data \
    DANVAN_WEBHOOK_PORT=8080

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin danvan \
    && mkdir -p /data && chown danvan:danvan /data

WORKDIR /app
COPY pyproject.toml README.md main.py ./
COPY bot ./bot
COPY corpus ./corpus
COPY embeddings ./embeddings
COPY retrieval ./retrieval
# The same install as `make install`, without the editable mode and the test extras.
RUN python -m pip install .

USER danvan
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD sh -c 'test -z "$DANVAN_WEBHOOK_URL" || python -c "import os, urllib.request; urllib.request.urlopen(\"http://127.0.0.1:%s/healthz\" % os.environ.get(\"DANVAN_WEBHOOK_PORT\", \"8080\"), timeout=4)"'

ENTRYPOINT ["python", "main.py"]
CMD ["run"]

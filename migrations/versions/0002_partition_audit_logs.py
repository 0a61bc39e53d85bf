"""Partition audit_logs by month of created_at (UTC), keeping every row.

A partitioned table's primary key must contain the partition key, so the primary
key becomes (id, created_at) and created_at becomes NOT NULL. Everything else stays
as the seed has it: the columns, the bigserial sequence audit_logs_id_seq, the FK to
users ON DELETE SET NULL and the seed's four index names (created on the parent, so
every partition gets them). Partitions are named audit_logs_yYYYYmMM; rows outside
them land in audit_logs_default. ensure_audit_log_partitions(months_ahead) creates
missing months and is what the scheduled job calls.

The swap copies the rows under an ACCESS EXCLUSIVE lock, so writers wait for it.
Rows whose created_at was NULL (only an explicit NULL could store one) are kept
with created_at = '-infinity' and get their NULL back on downgrade.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The seed's column list; only created_at's nullability and the primary key differ.
# NOT NULL constraints are named as PostgreSQL 18 names them for the seed's table:
# while the old table still holds those names, the generated ones would get a "1".
CREATE_TABLE = """
CREATE TABLE audit_logs (
    id BIGINT CONSTRAINT audit_logs_id_not_null NOT NULL
        DEFAULT nextval('audit_logs_id_seq'::regclass),
    user_id UUID,
    action VARCHAR(100) CONSTRAINT audit_logs_action_not_null NOT NULL,
    resource_type VARCHAR(50),
    resource_id UUID,
    ip_address INET,
    user_agent TEXT,
    request_method VARCHAR(10),
    request_path TEXT,
    request_body JSONB,
    response_status INTEGER,
    response_time_ms INTEGER,
    metadata JSONB DEFAULT '{{}}'::jsonb,
    created_at TIMESTAMP WITH TIME ZONE {created_at_null} DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT audit_logs_pkey PRIMARY KEY ({primary_key}),
    CONSTRAINT audit_logs_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES users (id) ON DELETE SET NULL
){partition_by}
"""

INDEXES = (
    "CREATE INDEX idx_audit_logs_user_id ON audit_logs (user_id)",
    "CREATE INDEX idx_audit_logs_action ON audit_logs (action)",
    "CREATE INDEX idx_audit_logs_resource ON audit_logs (resource_type, resource_id)",
    "CREATE INDEX idx_audit_logs_created_at ON audit_logs (created_at DESC)",
)
# '-infinity' stands in for a NULL created_at, which the primary key cannot hold.
COPY_ROWS = """
INSERT INTO audit_logs (id, user_id, action, resource_type, resource_id, ip_address,
    user_agent, request_method, request_path, request_body, response_status,
    response_time_ms, metadata, created_at)
SELECT id, user_id, action, resource_type, resource_id, ip_address,
    user_agent, request_method, request_path, request_body, response_status,
    response_time_ms, metadata, {created_at}
FROM {source}
"""
DROP_INDEXES = (
    "DROP INDEX idx_audit_logs_user_id, idx_audit_logs_action,"
    " idx_audit_logs_resource, idx_audit_logs_created_at"
)

# Creates the monthly partitions from `months_back` months before the current UTC
# month to `months_ahead` after it; returns how many it created. Idempotent, and
# safe to run concurrently (advisory lock). Rows already sitting in the default
# partition for a new month are moved into it: PostgreSQL refuses a new partition
# while the default one holds rows that belong to it.
ENSURE_PARTITIONS = """
CREATE FUNCTION ensure_audit_log_partitions(months_ahead int, months_back int DEFAULT 0)
RETURNS int
LANGUAGE plpgsql
SET search_path = public, pg_temp
AS $$
DECLARE
    this_month date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
    month_start date;
    lower_bound timestamptz;
    upper_bound timestamptz;
    part text;
    created int := 0;
BEGIN
    IF months_ahead < 0 OR months_back < 0 THEN
        RAISE EXCEPTION 'months_ahead and months_back must not be negative';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('ensure_audit_log_partitions'));
    FOR i IN -months_back .. months_ahead LOOP
        month_start := (this_month + make_interval(months => i))::date;
        part := 'audit_logs_' || to_char(month_start, '"y"YYYY"m"MM');
        CONTINUE WHEN to_regclass(format('public.%I', part)) IS NOT NULL;
        lower_bound := month_start::timestamp AT TIME ZONE 'UTC';
        upper_bound := (month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC';
        EXECUTE format(
            'CREATE TABLE public.%I (LIKE public.audit_logs INCLUDING DEFAULTS)', part);
        EXECUTE format(
            'WITH moved AS (DELETE FROM public.audit_logs_default'
            ' WHERE created_at >= $1 AND created_at < $2 RETURNING *)'
            ' INSERT INTO public.%I SELECT * FROM moved', part)
            USING lower_bound, upper_bound;
        EXECUTE format(
            'ALTER TABLE public.audit_logs ATTACH PARTITION public.%I'
            ' FOR VALUES FROM (%L) TO (%L)', part, lower_bound, upper_bound);
        created := created + 1;
    END LOOP;
    RETURN created;
END
$$
"""

# Months between the oldest (finite) row and now, capped at the seed's 2-year
# retention: older rows go to the default partition rather than into dozens of
# partitions nobody will query.
MONTHS_OF_HISTORY = """
SELECT LEAST(24, GREATEST(0, COALESCE(
    (SELECT (EXTRACT(YEAR FROM now() AT TIME ZONE 'UTC') * 12
             + EXTRACT(MONTH FROM now() AT TIME ZONE 'UTC'))
          - (EXTRACT(YEAR FROM min(created_at) AT TIME ZONE 'UTC') * 12
             + EXTRACT(MONTH FROM min(created_at) AT TIME ZONE 'UTC'))
     FROM audit_logs_unpartitioned WHERE isfinite(created_at)), 0)))::int
"""


def upgrade() -> None:
    op.execute("LOCK TABLE audit_logs IN ACCESS EXCLUSIVE MODE")
    op.execute("ALTER TABLE audit_logs RENAME TO audit_logs_unpartitioned")
    op.execute(
        "ALTER TABLE audit_logs_unpartitioned"
        " RENAME CONSTRAINT audit_logs_pkey TO audit_logs_unpartitioned_pkey"
    )
    op.execute(DROP_INDEXES)
    op.execute(
        CREATE_TABLE.format(
            created_at_null="NOT NULL",
            primary_key="id, created_at",
            partition_by=" PARTITION BY RANGE (created_at)",
        )
    )
    # Keeps the sequence when the old table is dropped, and ids continue from it.
    op.execute("ALTER SEQUENCE audit_logs_id_seq OWNED BY audit_logs.id")
    for statement in INDEXES:
        op.execute(statement)
    op.execute("CREATE TABLE audit_logs_default PARTITION OF audit_logs DEFAULT")
    op.execute(ENSURE_PARTITIONS)
    op.execute(f"SELECT ensure_audit_log_partitions(3, ({MONTHS_OF_HISTORY}))")
    op.execute(
        COPY_ROWS.format(
            created_at="COALESCE(created_at, '-infinity')", source="audit_logs_unpartitioned"
        )
    )
    op.execute("DROP TABLE audit_logs_unpartitioned")


def downgrade() -> None:
    op.execute("LOCK TABLE audit_logs IN ACCESS EXCLUSIVE MODE")
    op.execute("ALTER TABLE audit_logs RENAME TO audit_logs_partitioned")
    op.execute(
        "ALTER TABLE audit_logs_partitioned"
        " RENAME CONSTRAINT audit_logs_pkey TO audit_logs_partitioned_pkey"
    )
    op.execute(DROP_INDEXES)  # on the parent: the partitions' copies go with them
    op.execute(CREATE_TABLE.format(created_at_null="", primary_key="id", partition_by=""))
    op.execute("ALTER SEQUENCE audit_logs_id_seq OWNED BY audit_logs.id")
    op.execute(
        COPY_ROWS.format(
            created_at="NULLIF(created_at, '-infinity')", source="audit_logs_partitioned"
        )
    )
    op.execute("DROP TABLE audit_logs_partitioned")  # and every partition
    op.execute("DROP FUNCTION ensure_audit_log_partitions(int, int)")
    for statement in INDEXES:
        op.execute(statement)

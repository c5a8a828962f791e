-- The index of finished recordings. The JSON beside each WAV is the source of truth; these rows
-- hold what searches filter and sort on, and where the files are (relative to recording.dir).
-- Portable SQL: the same migration runs on SQLite and PostgreSQL.
CREATE TABLE recordings (
    recording_id VARCHAR(64)   NOT NULL PRIMARY KEY,
    call_id      VARCHAR(64),
    direction    VARCHAR(16),
    caller       VARCHAR(255),
    callee       VARCHAR(255),
    number       VARCHAR(255),
    started_at   BIGINT        NOT NULL,
    ended_at     BIGINT,
    duration_ms  BIGINT        NOT NULL,
    end_reason   VARCHAR(32),
    wav_path     VARCHAR(1024) NOT NULL,
    json_path    VARCHAR(1024) NOT NULL
);
CREATE INDEX recordings_newest ON recordings (started_at, recording_id);
CREATE INDEX recordings_number ON recordings (number);

-- position keeps the metadata's order (an internal call: the caller's agent, then the callee's)
CREATE TABLE recording_agents (
    recording_id VARCHAR(64)  NOT NULL,
    user_id      VARCHAR(255) NOT NULL,
    position     INTEGER      NOT NULL,
    PRIMARY KEY (recording_id, user_id)
);
CREATE INDEX recording_agents_user ON recording_agents (user_id);

-- Who played or downloaded which recording, when, and which bytes.
CREATE TABLE recording_access (
    access_id    VARCHAR(26)  NOT NULL PRIMARY KEY,
    recording_id VARCHAR(64)  NOT NULL,
    user_id      VARCHAR(255) NOT NULL,
    action       VARCHAR(16)  NOT NULL,
    byte_range   VARCHAR(255),
    at           BIGINT       NOT NULL
);
CREATE INDEX recording_access_recording ON recording_access (recording_id, at);

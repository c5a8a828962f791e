-- The live settings an admin changes while Sotto runs (docs/configuration.md, "Live settings"):
-- one JSON document of live keys per company, number and user, spelled as in the config file.
-- The config file seeds what this table lacks; afterwards the row wins. Tokens are never stored.
-- Portable SQL: the same migration runs on SQLite and PostgreSQL.
CREATE TABLE settings (
    scope       VARCHAR(16)  NOT NULL,
    setting_key VARCHAR(255) NOT NULL,
    document    TEXT         NOT NULL,
    PRIMARY KEY (scope, setting_key)
);

-- Every change: who made it, when, to which document, and the document before and after.
-- change_id is a ULID, so it sorts by time: the audit lists newest first by it.
CREATE TABLE settings_audit (
    change_id   VARCHAR(26)  NOT NULL PRIMARY KEY,
    at          BIGINT       NOT NULL,
    who         VARCHAR(255) NOT NULL,
    scope       VARCHAR(16)  NOT NULL,
    setting_key VARCHAR(255) NOT NULL,
    before_doc  TEXT         NOT NULL,
    after_doc   TEXT         NOT NULL
);

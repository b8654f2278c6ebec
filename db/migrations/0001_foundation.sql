-- Foundation: administrative units, organisations, users, roles, sessions, login throttling, audit trail.

-- ---------------------------------------------------------------- geography
CREATE TABLE codifier_editions (
  edition      date PRIMARY KEY,           -- the codifier's publication date, e.g. 2025-05-16
  source_file  text NOT NULL,
  unit_count   integer NOT NULL,
  loaded_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE admin_units (
  code          text PRIMARY KEY,            -- KATOTTH code, e.g. UA05020010000053508
  category      char(1) NOT NULL CHECK (category IN ('O','K','P','H','M','T','X','C','B')),
  level         smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
  parent_code   text REFERENCES admin_units(code),
  name_uk       text NOT NULL,
  name_en       text NOT NULL,
  search_uk     text NOT NULL,               -- normalised lower-case Ukrainian name for prefix search
  search_en     text NOT NULL,               -- normalised lower-case Latin name for prefix search
  valid_from    date NOT NULL,
  valid_to      date,                        -- set when a later edition no longer lists the unit
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX admin_units_parent_idx ON admin_units (parent_code);
CREATE INDEX admin_units_search_uk_idx ON admin_units (search_uk text_pattern_ops);
CREATE INDEX admin_units_search_en_idx ON admin_units (search_en text_pattern_ops);

-- ---------------------------------------------------------------- directory
CREATE TABLE organisation_types (
  code      text PRIMARY KEY,
  name_uk   text NOT NULL,
  name_en   text NOT NULL,
  position  smallint NOT NULL
);

CREATE TABLE organisations (
  id            uuid PRIMARY KEY,
  name_uk       text NOT NULL,
  name_en       text NOT NULL,
  type_code     text NOT NULL REFERENCES organisation_types(code),
  contacts      jsonb NOT NULL DEFAULT '{}'::jsonb,   -- phone, email, address, website of the organisation (not of a person)
  active        boolean NOT NULL DEFAULT true,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX organisations_name_uk_idx ON organisations (lower(name_uk));

CREATE TABLE organisation_jurisdictions (
  organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  unit_code       text NOT NULL REFERENCES admin_units(code),
  PRIMARY KEY (organisation_id, unit_code)
);

-- ---------------------------------------------------------------- access policy (data)
CREATE TABLE roles (
  code          text PRIMARY KEY,
  name_uk       text NOT NULL,
  name_en       text NOT NULL,
  mfa_required  boolean NOT NULL,              -- second factor mandatory for holders of this role
  position      smallint NOT NULL
);

CREATE TABLE role_permissions (
  role_code   text NOT NULL REFERENCES roles(code) ON DELETE CASCADE,
  action      text NOT NULL,                   -- e.g. 'user.manage'
  scope       text NOT NULL CHECK (scope IN ('all', 'organisation', 'self')),
  PRIMARY KEY (role_code, action, scope)
);

-- ---------------------------------------------------------------- users and sessions
CREATE TABLE users (
  id                   uuid PRIMARY KEY,
  organisation_id      uuid NOT NULL REFERENCES organisations(id),
  username             text NOT NULL,
  display_name         text NOT NULL,
  email                text,
  password_hash        text NOT NULL,
  password_changed_at  timestamptz NOT NULL DEFAULT now(),
  must_change_password boolean NOT NULL DEFAULT false,
  totp_secret_enc      text,                   -- AES-256-GCM under the master key
  totp_enrolled_at     timestamptz,
  totp_last_step       bigint,                 -- last accepted time step, refuses replay
  locale               text NOT NULL DEFAULT 'uk' CHECK (locale IN ('uk', 'en')),
  active               boolean NOT NULL DEFAULT true,
  failed_login_count   integer NOT NULL DEFAULT 0,
  locked_until         timestamptz,
  version              integer NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username_idx ON users (lower(username));
CREATE INDEX users_organisation_idx ON users (organisation_id);

CREATE TABLE user_roles (
  user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role_code  text NOT NULL REFERENCES roles(code),
  PRIMARY KEY (user_id, role_code)
);

CREATE TABLE recovery_codes (
  user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash  text NOT NULL,
  used_at    timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE sessions (
  token_hash     text PRIMARY KEY,             -- sha256 of the cookie value; the token itself is never stored
  user_id        uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token     text NOT NULL,
  mfa_pending    boolean NOT NULL,             -- password accepted, second factor not yet
  enrolment_secret_enc text,                   -- TOTP secret offered during first enrolment at login
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,         -- absolute timeout
  client_ip      text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE login_throttle (
  key           text PRIMARY KEY,              -- 'ip:<address>'
  window_start  timestamptz NOT NULL,
  failures      integer NOT NULL
);

-- ---------------------------------------------------------------- audit trail
CREATE TABLE audit_events (
  id               bigint PRIMARY KEY,
  occurred_at      timestamptz NOT NULL,
  user_id          uuid,
  organisation_id  uuid,
  role             text,
  action           text NOT NULL,
  object_type      text,
  object_id        text,
  outcome          text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  reason           text,
  request_id       text,
  client_ip        text,
  details          jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash        text NOT NULL,
  hash             text NOT NULL
);
CREATE INDEX audit_events_time_idx ON audit_events (occurred_at);
CREATE INDEX audit_events_user_idx ON audit_events (user_id, id);
CREATE INDEX audit_events_org_idx ON audit_events (organisation_id, id);
CREATE INDEX audit_events_object_idx ON audit_events (object_type, object_id);
CREATE INDEX audit_events_action_idx ON audit_events (action, id);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

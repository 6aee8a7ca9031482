-- Buyer notifications (io.flashorder.notification).

-- What a buyer set: where email goes (AES-GCM ciphertext, io.flashorder.security.PiiCipher), the language of the
-- notices, and the (channel, kind) pairs the buyer turned off, as 'EMAIL:ORDER_SHIPPED'. No row: zh-CN, no email,
-- everything on. SMS goes to the phone of each order.
CREATE TABLE notification_profile (
    buyer_id         text        PRIMARY KEY,
    email_encrypted  text,
    locale           varchar(8)  NOT NULL CHECK (locale IN ('zh-CN', 'en')),
    opt_outs         text[]      NOT NULL DEFAULT '{}',
    updated_at       timestamptz NOT NULL
);

-- One row per (event, channel) once a notice was tried: SENT means the buyer has it, and a redelivered event sends
-- nothing again; FAILED is being retried with back-off; DEAD was given up after the last attempt (operators list
-- them). No personal data: the error text has the recipient replaced.
CREATE TABLE notification_delivery (
    id           uuid        NOT NULL UNIQUE,
    event_id     uuid        NOT NULL,
    channel      varchar(8)  NOT NULL CHECK (channel IN ('EMAIL', 'SMS')),
    kind         varchar(32) NOT NULL,
    order_id     uuid        NOT NULL,
    buyer_id     text        NOT NULL,
    status       varchar(8)  NOT NULL CHECK (status IN ('SENT', 'FAILED', 'DEAD')),
    attempts     integer     NOT NULL,
    last_error   text,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (event_id, channel)
);
-- The operators' dead-letter list, keyset-paginated on the time-ordered id.
CREATE INDEX notification_delivery_dead ON notification_delivery (id) WHERE status = 'DEAD';

-- What the sandbox SMS provider "sent" (dev and tests read it here): the phone stays encrypted.
CREATE TABLE sandbox_sms (
    id               uuid        PRIMARY KEY,
    phone_encrypted  text        NOT NULL,
    body             text        NOT NULL,
    sent_at          timestamptz NOT NULL
);

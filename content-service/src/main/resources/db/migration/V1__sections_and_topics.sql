-- Sections and topics of the notes. The notes themselves are imported by V3 (NotesMigration, Java).

create table section (
    slug        varchar(80)  primary key,
    title       varchar(200) not null,
    description text,
    position    integer      not null
);

-- One sequence for every topic write: a later change to a slug always has a higher version, also after a
-- delete and a re-create, so a reader of content.topics can keep the highest version per slug.
create sequence topic_version;

create table topic (
    slug         varchar(120) primary key,
    section_slug varchar(80)  not null references section (slug),
    subsection   varchar(200),
    title        varchar(200) not null,
    body         text         not null,
    tags         text[]       not null default '{}',
    position     integer      not null,
    version      bigint       not null default nextval('topic_version'),
    updated_at   timestamptz  not null default now()
);

create index topic_section_position on topic (section_slug, position, slug);
create index topic_tags on topic using gin (tags);

-- Topics written by a migration, not yet published to content.topics; the first instance to start
-- publishes them through the outbox (SeedAnnouncer) and empties this table in the same transaction.
create table topic_announcement (
    slug varchar(120) primary key
);

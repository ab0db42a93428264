create table section (
    slug     varchar(80)  primary key,
    title    varchar(200) not null,
    position integer      not null
);

create table topic (
    slug         varchar(120)  primary key,
    section_slug varchar(80)   not null references section (slug),
    title        varchar(200)  not null,
    body         text          not null,
    tags         text[]        not null default '{}',
    position     integer       not null,
    version      bigint        not null default 0,
    updated_at   timestamptz   not null default now()
);

create index topic_section_position on topic (section_slug, position);
create index topic_tags on topic using gin (tags);

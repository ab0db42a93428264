create table quiz (
    id      varchar(80)  primary key,
    section varchar(80)  not null,
    title   varchar(200) not null
);

create table question (
    quiz_id     varchar(80)   not null references quiz (id) on delete cascade,
    id          varchar(40)   not null,
    position    integer       not null,
    text        varchar(1000) not null,
    explanation varchar(2000) not null,
    topic_slug  varchar(120)  not null,
    primary key (quiz_id, id)
);

create table choice (
    quiz_id     varchar(80)  not null,
    question_id varchar(40)  not null,
    id          varchar(40)  not null,
    position    integer      not null,
    text        varchar(500) not null,
    correct     boolean      not null,
    primary key (quiz_id, question_id, id),
    foreign key (quiz_id, question_id) references question (quiz_id, id) on delete cascade
);

-- One quiz from the notes' "Scaling Techniques"; the full set comes in a later migration.
insert into quiz (id, section, title) values ('scaling-techniques', 'scaling-techniques', 'Scaling Techniques');

insert into question (quiz_id, id, position, text, explanation, topic_slug) values
('scaling-techniques', 'q1', 1, 'What does horizontal scaling (scale out) mean?',
 'Horizontal scaling adds more servers or machines to handle increased load.', 'horizontal-scaling'),
('scaling-techniques', 'q2', 2, 'Which of these are horizontal scaling techniques?',
 'Load balancing and message queues spread work over more machines; a CPU upgrade makes one machine stronger.', 'horizontal-scaling'),
('scaling-techniques', 'q3', 3, 'What does vertical scaling (scale up) mean?',
 'Vertical scaling increases the power of an existing server: CPU, RAM, storage.', 'vertical-scaling'),
('scaling-techniques', 'q4', 4, 'Which are cons of vertical scaling?',
 'A single bigger server hits hardware limits, stays a single point of failure and gets expensive at scale.', 'vertical-scaling'),
('scaling-techniques', 'q5', 5, 'What do most real-world systems do?',
 'The hybrid approach: vertical scaling for immediate boosts, horizontal scaling for long-term growth and reliability.', 'hybrid-approach');

insert into choice (quiz_id, question_id, id, position, text, correct) values
('scaling-techniques', 'q1', 'a', 1, 'Add more servers to share the load', true),
('scaling-techniques', 'q1', 'b', 2, 'Give one server more CPU and RAM', false),
('scaling-techniques', 'q1', 'c', 3, 'Rewrite the application in a faster language', false),
('scaling-techniques', 'q2', 'a', 1, 'Load balancing', true),
('scaling-techniques', 'q2', 'b', 2, 'Message queues', true),
('scaling-techniques', 'q2', 'c', 3, 'CPU upgrade', false),
('scaling-techniques', 'q2', 'd', 4, 'Caching layers', true),
('scaling-techniques', 'q3', 'a', 1, 'Split the database across servers', false),
('scaling-techniques', 'q3', 'b', 2, 'Increase the power of an existing server', true),
('scaling-techniques', 'q3', 'c', 3, 'Distribute content globally', false),
('scaling-techniques', 'q4', 'a', 1, 'Hardware limits', true),
('scaling-techniques', 'q4', 'b', 2, 'Single point of failure', true),
('scaling-techniques', 'q4', 'c', 3, 'Network latency between servers', false),
('scaling-techniques', 'q4', 'd', 4, 'Expensive at scale', true),
('scaling-techniques', 'q5', 'a', 1, 'Only vertical scaling', false),
('scaling-techniques', 'q5', 'b', 2, 'Only horizontal scaling', false),
('scaling-techniques', 'q5', 'c', 3, 'Both: vertical for immediate boosts, horizontal for growth', true);

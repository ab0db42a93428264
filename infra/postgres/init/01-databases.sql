-- Runs once, on the first start of the compose PostgreSQL (an empty data volume), as POSTGRES_USER.
-- One database per service (DESIGN: Topology): no service reads another's tables. Flyway creates the tables.
CREATE DATABASE content;
CREATE DATABASE quiz;

-- A first slice of the notes; the full import replaces it in a later migration.
insert into section (slug, title, position) values ('scaling-techniques', 'Scaling Techniques', 1);
insert into section (slug, title, position) values ('python-overview', 'Python Overview', 0);
insert into topic (slug, section_slug, title, body, tags, position) values (
    'horizontal-scaling', 'scaling-techniques', 'Horizontal Scaling (Scale Out)',
    '**Definition**: Add more servers/machines to handle increased load.

**Techniques:**
* **Load Balancing**: Distribute requests across multiple servers
* **Microservices**: Break application into independent services
* **Database Sharding**: Split database across multiple servers
* **Content Delivery Networks (CDN)**: Distribute content globally
* **Auto-scaling**: Automatically add/remove servers based on demand
* **Clustering**: Group multiple servers to work as one system
* **Message Queues**: Distribute work across multiple workers
* **Caching Layers**: Multiple cache servers (Redis clusters)

**Pros**: Nearly unlimited scaling, fault tolerance, cost-effective for large scale
**Cons**: Complex setup, network latency, data consistency challenges',
    '{scaling,load-balancing,microservices,caching}', 1);
insert into topic (slug, section_slug, title, body, tags, position) values (
    'vertical-scaling', 'scaling-techniques', 'Vertical Scaling (Scale Up)',
    '**Definition**: Increase power of existing server (CPU, RAM, storage).

**Techniques:**
* **CPU Upgrade**: More cores or faster processors
* **Memory Increase**: Add more RAM for better performance
* **Storage Enhancement**: Faster SSDs or more disk space
* **Network Upgrade**: Higher bandwidth connections
* **Database Optimization**: Better indexes, query optimization
* **Code Optimization**: Improve application efficiency
* **Caching**: In-memory caching (Redis, Memcached)
* **Connection Pooling**: Reuse database connections

**Pros**: Simple implementation, no architectural changes, low latency(ime delay between when a request is made and when a response is received.)
**Cons**: Hardware limits, single point of failure, expensive at scale',
    '{scaling,caching,connection-pooling}', 2);
insert into topic (slug, section_slug, title, body, tags, position) values (
    'hybrid-approach', 'scaling-techniques', 'Hybrid Approach',
    'Most real-world systems use **both** techniques:
- Vertical scaling for immediate performance boosts
- Horizontal scaling for long-term growth and reliability

**Example**: Start with a powerful server (vertical), then add more servers behind a load balancer (horizontal) as traffic grows.
* Set `CONN_MAX_AGE` to maintain persistent connections',
    '{scaling}', 3);
insert into topic (slug, section_slug, title, body, tags, position) values (
    'python-definition', 'python-overview', 'Definition',
    'Python is a high-level, interpreted programming language known for its simple, readable syntax that resembles English',
    '{python}', 1);
insert into topic (slug, section_slug, title, body, tags, position) values (
    'python-uses', 'python-overview', 'Uses',
    '* Developing websites and software
* Task automation
* Data analysis
* Data visualization',
    '{python}', 2);

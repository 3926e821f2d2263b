-- oracle: FK103 part of a composite key, in a plain and in a partitioned table (whose key must include the partition key)
-- expect: FK103
CREATE TABLE memberships (org_id int, user_id int, role text, PRIMARY KEY (org_id, user_id));

CREATE TABLE badges (id int PRIMARY KEY, user_id int REFERENCES memberships (user_id));

CREATE TABLE orders (id bigint, region text, total numeric, PRIMARY KEY (id, region)) PARTITION BY LIST (region);

CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu');

CREATE TABLE shipments (id bigint PRIMARY KEY, order_id bigint, FOREIGN KEY (order_id) REFERENCES orders (id));

-- Valid: the whole key, in another order.
CREATE TABLE refunds (id bigint PRIMARY KEY, region text, order_id bigint, FOREIGN KEY (region, order_id) REFERENCES orders (region, id));

-- 2024_01_02_000000_create_products_table.php
create table `products` (`id` bigint unsigned not null auto_increment primary key, `sku` varchar(64) not null, `name` varchar(255) not null, `price_cents` int unsigned not null, `created_at` timestamp null, `updated_at` timestamp null) default character set utf8mb4 collate 'utf8mb4_unicode_ci' engine = InnoDB;
alter table `products` add unique `products_sku_unique`(`sku`);

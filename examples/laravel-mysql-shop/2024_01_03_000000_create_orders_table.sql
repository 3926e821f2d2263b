-- 2024_01_03_000000_create_orders_table.php
-- $table->integer('user_id'); $table->foreign('user_id')->references('id')->on('users')->cascadeOnDelete();
create table `orders` (`id` bigint unsigned not null auto_increment primary key, `user_id` int not null, `status` varchar(32) not null default 'pending', `total_cents` int unsigned not null, `created_at` timestamp null, `updated_at` timestamp null) default character set utf8mb4 collate 'utf8mb4_unicode_ci' engine = InnoDB;
alter table `orders` add constraint `orders_user_id_foreign` foreign key (`user_id`) references `users` (`id`) on delete cascade;
alter table `orders` add index `orders_status_index`(`status`);

-- $table->foreignId('order_id')->constrained()->cascadeOnDelete();
-- $table->foreignId('product_id')->references('id')->on('prodcuts');
create table `order_items` (`id` bigint unsigned not null auto_increment primary key, `order_id` bigint unsigned not null, `product_id` bigint unsigned not null, `quantity` int unsigned not null default '1', `created_at` timestamp null, `updated_at` timestamp null) default character set utf8mb4 collate 'utf8mb4_unicode_ci' engine = InnoDB;
alter table `order_items` add constraint `order_items_order_id_foreign` foreign key (`order_id`) references `orders` (`id`) on delete cascade;
alter table `order_items` add constraint `order_items_product_id_foreign` foreign key (`product_id`) references `prodcuts` (`id`);

/**
 * The demo region's sample REST source: a small shop API (products with images, customers, orders,
 * collections) with a rate limit answering 429 + Retry-After, paging and media bytes.
 */
package dev.trovekeeper.demo.shop;

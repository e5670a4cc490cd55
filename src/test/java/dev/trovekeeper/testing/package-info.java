/**
 * Test resources that start real components (s3proxy, a KRaft Kafka broker, GreenMail SMTP) on
 * random loopback ports, usable from {@code @QuarkusTestResource} or plain JUnit.
 */
package dev.trovekeeper.testing;

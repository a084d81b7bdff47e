/**
 * Live state: the objects a processor works on kept between records and written back to Kafka Streams' logged
 * stores at each commit ({@link io.deskstream.topology.state.LiveStore}). Owns nothing of the domain; must not know
 * what it stores.
 */
package io.deskstream.topology.state;

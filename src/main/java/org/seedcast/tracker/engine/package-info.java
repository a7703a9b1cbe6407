/**
 * The tracker's decisions, shared by both transports: ban, rate limit, parse, access verdict, swarm
 * or refusal, answer written into the caller's buffer; plus its metrics and per-minute history.
 */
package org.seedcast.tracker.engine;

/**
 * The facts that more than one service relies on, each written once: Marathon's id formats and reservation labels,
 * Marathon's timestamps, what a run spec says (with Marathon's defaults), and which instance and task states may
 * still run a task. Pure functions over the contracts; wiring (storage, gRPC, retries) belongs in {@code runtime}.
 */
package io.mooring.model;

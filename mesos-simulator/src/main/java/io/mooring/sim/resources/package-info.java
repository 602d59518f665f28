/**
 * Mesos' resource model for the simulator: the bag algebra of src/common/resources.cpp ({@link
 * io.mooring.sim.resources.Resources}, and {@link io.mooring.sim.resources.MutableResources} for the bags an agent
 * changes a little at a time), per-resource rules ({@link io.mooring.sim.resources.ResourceRules}),
 * validation ({@link io.mooring.sim.resources.ResourceValidator}), the two reservation formats ({@link
 * io.mooring.sim.resources.ResourceFormat}), and role and id rules. Pure: no I/O, no clocks, no shared state.
 *
 * <p>The simulator stores resources only in the post-refinement format ({@code reservations[]}) and converts at its
 * edges: {@code upgrade} inbound, {@code downgrade}/{@code stripAllocationInfo} outbound per framework capability.
 */
package io.mooring.sim.resources;

package io.mooring.offer.matching;

/**
 * One host port an app asks for.
 *
 * @param port the requested host port; with {@code exact} false any port will do
 * @param name the port's name (PORT_NAME variable), or null
 * @param specPort the number the spec gives the port (PORT_n variable: port definition's port, container port), 0 none
 */
record PortRequest(int port, boolean exact, String name, int specPort) {

  static PortRequest any() {
    return new PortRequest(0, false, null, 0);
  }

  static PortRequest exactly(int port) {
    return new PortRequest(port, true, null, port);
  }
}

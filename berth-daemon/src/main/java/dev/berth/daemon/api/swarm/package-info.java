/** {@code /swarm}, {@code /services}, {@code /nodes}, {@code /tasks}, {@code /secrets}, {@code /configs}: what dockerd answers on a node that is in no swarm. */
package dev.berth.daemon.api.swarm;

"""A Jupyter Server setting for the live widgets: send kernel messages to the browser without Nagle's delay.

Jupyter Server's kernel websocket leaves Nagle's algorithm on. A widget update is a small burst of messages
(the kernel's "busy" status, then the new document); with Nagle on, the second waits in the server until the
browser acknowledges the first, and browsers delay that acknowledgement by up to 40 ms. Measured in JupyterLab on
2 cores (benchmarks/bench_widgets.py): key press to redrawn diagram alternated between ~30 and ~60 ms; with
TCP_NODELAY it stays near the lower value. ``make lab`` and the JupyterLab tests start the server with::

    jupyter lab --ServerApp.kernel_websocket_connection_class=bpnet.widgets.server.NoDelayConnection

(`tornado.websocket.WebSocketHandler.set_nodelay` documents the trade-off: more, smaller packets.)
"""
from __future__ import annotations

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

__all__ = ["NoDelayConnection", "SERVER_ARGS"]


class NoDelayConnection(ZMQChannelsWebsocketConnection):
    """Jupyter Server's kernel websocket connection with TCP_NODELAY set on the socket to the browser."""

    def connect(self):
        self.websocket_handler.set_nodelay(True)
        return super().connect()


#: the command-line option that selects it
SERVER_ARGS = [f"--ServerApp.kernel_websocket_connection_class={__name__}.NoDelayConnection"]

"""The web app (`counterpoint serve`): FastAPI + uvicorn, loopback by default."""
from counterpoint.server.app import ServerConfigError, create_app, run_server
from counterpoint.server.uploads import MAX_FILE_BYTES, MAX_FILES, MAX_REQUEST_BYTES

__all__ = ["MAX_FILES", "MAX_FILE_BYTES", "MAX_REQUEST_BYTES", "ServerConfigError", "create_app", "run_server"]

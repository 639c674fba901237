from .pages import FundSource, ProjectIndexPage, ProjectPage
from .progress import ProgressUpdate

__all__ = ["FundSource", "ProgressUpdate", "ProjectIndexPage", "ProjectPage"]

from .complaints import OPEN, Category, Complaint, Kind, NameShown, Status
from .pages import ComplaintPage

__all__ = ["OPEN", "Category", "Complaint", "ComplaintPage", "Kind", "NameShown", "Status"]

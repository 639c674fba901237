from .pages import DistrictPage, PlatformPage, RegencyPage, RegionPage, VillageHomePage
from .regions import Region, RegionGroup
from .settings import NavigationSettings, VillageIdentity
from .workflows import RegionApprovalTask

__all__ = [
    "DistrictPage",
    "NavigationSettings",
    "PlatformPage",
    "RegencyPage",
    "Region",
    "RegionApprovalTask",
    "RegionGroup",
    "RegionPage",
    "VillageHomePage",
    "VillageIdentity",
]

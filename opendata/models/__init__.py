from .figures import BudgetLine, IndexValue, PopulationFigure
from .releases import BUDGET, POPULATION, Release, Source
from .vocabularies import Account, AccountKind, StatisticCategory, StatisticGroup, Unit

__all__ = [
    "BUDGET",
    "POPULATION",
    "Account",
    "AccountKind",
    "BudgetLine",
    "IndexValue",
    "PopulationFigure",
    "Release",
    "Source",
    "StatisticCategory",
    "StatisticGroup",
    "Unit",
]

from .figures import BudgetLine, IndexValue, PopulationFigure
from .pages import BudgetPage, IndexPage, PopulationPage
from .releases import BUDGET, POPULATION, Release, Source
from .vocabularies import Account, AccountKind, StatisticCategory, StatisticGroup, Unit

__all__ = [
    "BUDGET",
    "POPULATION",
    "Account",
    "AccountKind",
    "BudgetLine",
    "BudgetPage",
    "IndexPage",
    "IndexValue",
    "PopulationFigure",
    "PopulationPage",
    "Release",
    "Source",
    "StatisticCategory",
    "StatisticGroup",
    "Unit",
]

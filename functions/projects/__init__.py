"""Livelihood projects (民生实事): a region's yearly round of proposals, the deputies'
vote, the projects' progress and their satisfaction evaluation.
"""

"""The H5 pages (/h5) for scans outside WeChat."""

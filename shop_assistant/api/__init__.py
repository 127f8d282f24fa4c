"""DRF endpoints: thin views that validate, call one service and serialize."""

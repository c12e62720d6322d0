"""The auth blueprint, shared by the modules that add its pages."""

from flask import Blueprint

bp = Blueprint("auth", __name__, template_folder="templates")

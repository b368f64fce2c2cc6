# SPDX-License-Identifier: GPL-2.0-or-later
"""Flask app for the lab page, run with Flask's own development server (Werkzeug).

Werkzeug 2.2's dev server answers every request with "Connection: close", so the browser
has to open one short TCP connection per request.
Usage: /usr/bin/python3 lab-flask-app.py ROOT PORT [HOST]
"""
import sys
from flask import Flask, send_from_directory

root, port = sys.argv[1], int(sys.argv[2])
host = sys.argv[3] if len(sys.argv) > 3 else "127.0.0.1"
app = Flask(__name__, static_folder=None)


@app.route("/")
def index():
    return send_from_directory(root, "index.html")


@app.route("/<path:name>")
def static_file(name):
    return send_from_directory(root, name)


if __name__ == "__main__":
    app.run(host=host, port=port, threaded=True, debug=False, use_reloader=False)

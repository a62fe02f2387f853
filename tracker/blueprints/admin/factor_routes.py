"""Admin views for the factor catalogue: list, add, edit wording and active flag."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.blueprints.admin import bp
from tracker.blueprints.admin.forms import FactorCreateForm, FactorEditForm
from tracker.blueprints.forms_glue import status_for, submit
from tracker.services.admin import factors
from tracker.services.admin.factors import FactorWording


def _wording(form, is_active: bool = True) -> FactorWording:
    """The form's wording fields as service input."""
    return FactorWording(label_nl=form.label_nl.data, label_en=form.label_en.data,
                         description_nl=form.description_nl.data,
                         description_en=form.description_en.data,
                         position=form.position.data, is_active=is_active)


@bp.get("/factors")
def factors_list():
    """The whole catalogue."""
    return render_template("admin/factors.html", factors=factors.all_factors())


@bp.route("/factors/new", methods=["GET", "POST"])
def factor_new():
    """Add a factor."""
    form = FactorCreateForm()
    ok, factor = submit(form, lambda: factors.add_factor(form.key.data, form.dimension.data,
                                                         _wording(form), actor=current_user))
    if ok:
        flash(_("Factor %(key)s added.", key=factor.key), "success")
        return redirect(url_for("admin.factors_list"))
    return render_template("admin/factor_form.html", form=form, factor=None), status_for(form)


@bp.route("/factors/<int:factor_id>", methods=["GET", "POST"])
def factor_edit(factor_id: int):
    """Edit a factor's wording, position and active flag (never its key or dimension)."""
    factor = factors.get_factor(factor_id)
    form = FactorEditForm(obj=factor)
    ok, _factor = submit(form, lambda: factors.update_factor(factor, _wording(form, form.is_active.data),
                                                             actor=current_user))
    if ok:
        flash(_("Factor %(key)s saved.", key=factor.key), "success")
        return redirect(url_for("admin.factors_list"))
    return render_template("admin/factor_form.html", form=form, factor=factor), status_for(form)

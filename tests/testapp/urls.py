from django.urls import path

from . import views

app_name = "testapp"
urlpatterns = [path("products/<int:pk>/", views.product, name="product")]
